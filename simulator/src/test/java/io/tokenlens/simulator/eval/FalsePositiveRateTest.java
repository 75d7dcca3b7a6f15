package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.simulator.waste.Label;
import io.tokenlens.simulator.waste.LabelKind;
import io.tokenlens.simulator.waste.Pattern;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FalsePositiveRateTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void countsTheNearMissesAndLookAlikesAFindingOverlapsAndTheFalsePositivesPerEngineerDay() {
    List<Label> labels =
        List.of(
            label(Pattern.LOOPING_AGENT, "eng-1", 0, 10, LabelKind.PLANTED),
            label(Pattern.LOOPING_AGENT, "eng-2", 0, 10, LabelKind.NEAR_MISS),
            label(Pattern.LOOPING_AGENT, "eng-3", 0, 10, LabelKind.NEAR_MISS),
            label(Pattern.LOOPING_AGENT, "eng-4", 0, 10, LabelKind.LOOK_ALIKE),
            label(Pattern.RETRY_STORM, "eng-1", 0, 10, LabelKind.NEAR_MISS));
    List<Finding> findings =
        List.of(
            finding("a", Pattern.LOOPING_AGENT, "eng-1", 1, 2),
            finding("b", Pattern.LOOPING_AGENT, "eng-2", 5, 6),
            finding(
                "c", Pattern.LOOPING_AGENT, "eng-4", 20, 21), // after the look-alike: unlabelled
            finding("d", Pattern.LOOPING_AGENT, "eng-9", 1, 2));
    List<PatternScore> scores = DetectorScore.score(labels, findings);

    List<FalsePositiveRate> rates = FalsePositiveRate.of(labels, findings, scores, 50);

    assertThat(rates)
        .extracting(FalsePositiveRate::pattern)
        .containsExactly("LOOPING_AGENT", "RETRY_STORM");
    FalsePositiveRate looping = rates.get(0);
    assertThat(looping.nearMisses()).isEqualTo(2);
    assertThat(looping.nearMissesFlagged()).isEqualTo(1);
    assertThat(looping.nearMissRate()).isEqualTo(0.5);
    assertThat(looping.lookAlikes()).isEqualTo(1);
    assertThat(looping.lookAlikesFlagged()).isZero();
    assertThat(looping.lookAlikeRate()).isEqualTo(0.0);
    assertThat(looping.falsePositives()).isEqualTo(3);
    assertThat(looping.falsePositivesPer100EngineerDays()).isEqualTo(6.0);
    FalsePositiveRate retry = rates.get(1);
    assertThat(retry.nearMissRate()).isEqualTo(0.0);
    assertThat(retry.lookAlikeRate()).isNull();
    assertThat(retry.falsePositivesPer100EngineerDays()).isZero();
  }

  @Test
  void doesNotCountANearMissFlaggedWhenOnlyATruePositiveOverlapsIt() {
    List<Label> labels =
        List.of(
            label(Pattern.LOOPING_AGENT, "eng-1", 0, 10, LabelKind.PLANTED),
            label(Pattern.LOOPING_AGENT, "eng-1", 5, 15, LabelKind.NEAR_MISS),
            label(Pattern.LOOPING_AGENT, "eng-1", 30, 40, LabelKind.NEAR_MISS));
    List<Finding> findings =
        List.of(
            finding(
                "a",
                Pattern.LOOPING_AGENT,
                "eng-1",
                8,
                12), // the planted loop, overlapping the first near-miss
            finding("b", Pattern.LOOPING_AGENT, "eng-1", 35, 36)); // a false positive on the second
    List<PatternScore> scores = DetectorScore.score(labels, findings);

    FalsePositiveRate looping = FalsePositiveRate.of(labels, findings, scores, 10).get(0);

    assertThat(scores.get(0).truePositives()).isEqualTo(1);
    assertThat(looping.nearMisses()).isEqualTo(2);
    assertThat(looping.nearMissesFlagged()).isEqualTo(1);
    assertThat(looping.falsePositives()).isEqualTo(1);
  }

  @Test
  void writesScoresAndRatesAsOneJsonObjectPerPattern() throws Exception {
    List<Label> labels = List.of(label(Pattern.LOOPING_AGENT, "eng-1", 0, 10, LabelKind.PLANTED));
    List<Finding> findings = List.of(finding("a", Pattern.LOOPING_AGENT, "eng-1", 1, 2));
    List<PatternScore> scores = DetectorScore.score(labels, findings);

    String json =
        ScoreReport.json(
            ScoreReport.combined(scores, FalsePositiveRate.of(labels, findings, scores, 10)));

    assertThat(json)
        .contains(
            "\"truePositives\" : 1",
            "\"lookAlikeRate\" : null",
            "\"falsePositivesPer100EngineerDays\" : 0.0");
    assertThat(ScoreReport.json(findings)).contains("\"start\" : \"2026-12-01T09:01:00Z\"");
    assertThat(
            ScoreReport.falsePositiveMarkdown(FalsePositiveRate.of(labels, findings, scores, 10)))
        .contains("| `LOOPING_AGENT` | 0 | 0 | – | 0 | 0 | – | 0 | 0.00 |");
  }

  private static Label label(
      Pattern p, String engineer, int fromMinute, int toMinute, LabelKind kind) {
    return new Label(
        p,
        engineer,
        "team-01",
        null,
        T0.plusSeconds(60L * fromMinute),
        T0.plusSeconds(60L * toMinute),
        kind);
  }

  private static Finding finding(
      String id, Pattern p, String engineer, int fromMinute, int toMinute) {
    return new Finding(
        id, p.name(), engineer, T0.plusSeconds(60L * fromMinute), T0.plusSeconds(60L * toMinute));
  }
}
