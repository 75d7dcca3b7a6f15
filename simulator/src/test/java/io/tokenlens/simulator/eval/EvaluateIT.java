package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.simulator.waste.Label;
import io.tokenlens.simulator.waste.LabelKind;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation end to end on the real stack: 20 engineers over two days through an in-process
 * ingest service and streams job, the findings read back and scored. The figures are measured, not
 * asserted: the test checks that every planted pattern got its row with the planted count of the
 * labels and the found count of the findings read, and that the minute rollups equal the sums of
 * the requests they count.
 */
@StackTest
class EvaluateIT {

  @Test
  void scoresEveryPlantedPatternOfASmallOrganisation(StackScope stack, @TempDir Path dir)
      throws Exception {
    EvaluationStack target =
        new EvaluationStack(
            stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.topicPrefix());
    // four days hold at least two working days whatever the weekday the test runs on: waste is
    // planted on those
    List<String> simulate =
        List.of(
            "--engineers",
            "20",
            "--teams",
            "4",
            "--days",
            "4",
            "--seed",
            "7",
            "--waste-rate",
            "0.3",
            "--end",
            Instant.now().truncatedTo(ChronoUnit.HOURS).toString(),
            "--labels",
            dir.resolve("labels.jsonl").toString());

    Evaluation.Result result =
        new Evaluation(
                target,
                simulate,
                Duration.ofSeconds(20),
                Duration.ofSeconds(120),
                dir,
                ReplaySettings.DEFAULT)
            .run(new PrintStream(OutputStream.nullOutputStream()));

    assertThat(result.simulation().failures()).isZero();
    Map<String, Long> planted =
        result.labels().stream()
            .filter(l -> l.kind() == LabelKind.PLANTED)
            .collect(Collectors.groupingBy(l -> l.pattern().name(), Collectors.counting()));
    Map<String, Long> found =
        result.findings().stream()
            .collect(Collectors.groupingBy(Finding::pattern, Collectors.counting()));
    assertThat(planted).isNotEmpty();
    Map<String, PatternScore> rows =
        result.scores().stream().collect(Collectors.toMap(PatternScore::pattern, r -> r));
    assertThat(rows.keySet()).containsAll(planted.keySet());
    planted.forEach(
        (pattern, count) -> {
          PatternScore row = rows.get(pattern);
          assertThat(row.planted()).as(pattern).isEqualTo(count.intValue());
          assertThat(row.found()).as(pattern).isEqualTo(found.getOrDefault(pattern, 0L).intValue());
          assertThat(row.truePositives() + row.falseNegatives())
              .as(pattern)
              .isEqualTo(row.planted());
        });
    assertThat(ScoreReport.markdown(result.scores()).lines().count()).isEqualTo(2 + rows.size());
    assertThat(result.labels())
        .extracting(Label::kind)
        .contains(LabelKind.NEAR_MISS, LabelKind.LOOK_ALIKE);
    assertThat(result.falsePositiveRates())
        .extracting(FalsePositiveRate::pattern)
        .containsExactlyElementsOf(result.scores().stream().map(PatternScore::pattern).toList());

    // the team alerts: the planted burst raised, and each budget level as sized
    assertThat(result.simulation().timeline().plantedBurn()).isPresent();
    assertThat(result.alertScores())
        .extracting(r -> r.alert() + " missed " + r.missed())
        .containsExactly(
            "BUDGET_80_PERCENT daily missed []",
            "BUDGET_100_PERCENT daily missed []",
            "ANOMALOUS_BURN planted burst missed []",
            "ANOMALOUS_BURN team hours by the rule missed []");

    // every minute rollup, at its highest version, holds exactly the sums of the enriched requests
    // of its minute
    TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", stack.schemaRegistryUrl()));
    RollupsFromRequests rollups =
        Waits.until(
            "every rollup equal to the sums of its requests",
            Waits.LONG,
            () -> RollupsFromRequests.read(stack.bootstrapServers(), serdes, stack.topicPrefix()),
            r -> r.mismatches().isEmpty());
    assertThat(rollups.keys()).isGreaterThan(100);
  }
}
