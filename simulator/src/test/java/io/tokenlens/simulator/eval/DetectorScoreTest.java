package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.simulator.waste.Label;
import io.tokenlens.simulator.waste.LabelKind;
import io.tokenlens.simulator.waste.Pattern;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DetectorScoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Offset<Double> EXACT = Offset.offset(1e-9);

  @Test
  void countsOverlappingFindingsOfTheSameEngineerAsTruePositivesAndTheRestAsMisses() {
    List<Label> labels =
        List.of(
            label(Pattern.LOOPING_AGENT, "eng-1", 0, 10, LabelKind.PLANTED),
            label(Pattern.LOOPING_AGENT, "eng-2", 0, 10, LabelKind.PLANTED),
            label(Pattern.LOOPING_AGENT, "eng-3", 0, 10, LabelKind.PLANTED),
            label(Pattern.LOOPING_AGENT, "eng-4", 0, 10, LabelKind.PLANTED));
    List<Finding> findings =
        List.of(
            finding("a", Pattern.LOOPING_AGENT, "eng-1", 5, 20), // overlaps eng-1
            finding("b", Pattern.LOOPING_AGENT, "eng-2", 10, 12), // touches eng-2's end: inclusive
            finding("c", Pattern.LOOPING_AGENT, "eng-3", 11, 15), // after eng-3's end
            finding("d", Pattern.LOOPING_AGENT, "eng-9", 0, 10)); // another engineer

    PatternScore row = DetectorScore.score(labels, findings).get(0);

    assertThat(row.pattern()).isEqualTo("LOOPING_AGENT");
    assertThat(row.planted()).isEqualTo(4);
    assertThat(row.found()).isEqualTo(4);
    assertThat(row.truePositives()).isEqualTo(2);
    assertThat(row.falsePositives()).isEqualTo(2);
    assertThat(row.falseNegatives()).isEqualTo(2);
    assertThat(row.precision()).isCloseTo(0.5, EXACT);
    assertThat(row.recall()).isCloseTo(0.5, EXACT);
    assertThat(row.f1()).isCloseTo(0.5, EXACT);
    assertThat(row.unlabelled()).isEqualTo(2);
  }

  @Test
  void matchesEachLabelOnceSoASecondFindingOnTheSameLabelIsARepeatedFalsePositive() {
    List<Label> labels = List.of(label(Pattern.RETRY_STORM, "eng-1", 0, 10, LabelKind.PLANTED));
    List<Finding> findings =
        List.of(
            finding("late", Pattern.RETRY_STORM, "eng-1", 4, 8),
            finding("early", Pattern.RETRY_STORM, "eng-1", 1, 3));

    PatternScore row = DetectorScore.score(labels, findings).get(0);

    assertThat(row.truePositives()).isEqualTo(1);
    assertThat(row.falsePositives()).isEqualTo(1);
    assertThat(row.repeated()).isEqualTo(1);
    assertThat(row.precision()).isCloseTo(0.5, EXACT);
    assertThat(row.recall()).isCloseTo(1.0, EXACT);
    assertThat(row.f1()).isCloseTo(2.0 / 3.0, EXACT);
  }

  @Test
  void oneFindingOverlappingTwoPlantedLabelsMatchesTheEarlierAndTheNextFindingTheOther() {
    List<Label> labels =
        List.of(
            label(Pattern.CACHE_THRASH, "eng-1", 20, 30, LabelKind.PLANTED),
            label(Pattern.CACHE_THRASH, "eng-1", 0, 10, LabelKind.PLANTED));
    List<Finding> findings =
        List.of(
            finding("wide", Pattern.CACHE_THRASH, "eng-1", 5, 25),
            finding("narrow", Pattern.CACHE_THRASH, "eng-1", 6, 22));

    PatternScore row = DetectorScore.score(labels, findings).get(0);

    assertThat(row.truePositives()).isEqualTo(2);
    assertThat(row.falsePositives()).isZero();
    assertThat(row.falseNegatives()).isZero();
  }

  @Test
  void chargesUnmatchedFindingsToTheNearMissOrLookAlikeTheyOverlap() {
    List<Label> labels =
        List.of(
            label(Pattern.DUPLICATE_GENERATION, "eng-1", 0, 10, LabelKind.PLANTED),
            label(Pattern.DUPLICATE_GENERATION, "eng-2", 0, 10, LabelKind.NEAR_MISS),
            label(Pattern.DUPLICATE_GENERATION, "ci-bot", 0, 600, LabelKind.LOOK_ALIKE),
            label(Pattern.LOOPING_AGENT, "eng-3", 0, 10, LabelKind.NEAR_MISS));
    List<Finding> findings =
        List.of(
            finding("f1", Pattern.DUPLICATE_GENERATION, "eng-1", 2, 4),
            finding("f2", Pattern.DUPLICATE_GENERATION, "eng-2", 2, 4),
            finding("f3", Pattern.DUPLICATE_GENERATION, "ci-bot", 100, 160),
            finding("f4", Pattern.DUPLICATE_GENERATION, "ci-bot", 300, 360),
            finding(
                "f5",
                Pattern.DUPLICATE_GENERATION,
                "eng-3",
                2,
                4)); // eng-3's near-miss is another pattern

    List<PatternScore> rows = DetectorScore.score(labels, findings);

    assertThat(rows)
        .extracting(PatternScore::pattern)
        .containsExactly("DUPLICATE_GENERATION", "LOOPING_AGENT");
    PatternScore dup = rows.get(0);
    assertThat(dup.planted()).isEqualTo(1);
    assertThat(dup.found()).isEqualTo(5);
    assertThat(dup.truePositives()).isEqualTo(1);
    assertThat(dup.falsePositives()).isEqualTo(4);
    assertThat(dup.onNearMiss()).isEqualTo(1);
    assertThat(dup.onLookAlike()).isEqualTo(2);
    assertThat(dup.unlabelled()).isEqualTo(1);
    assertThat(dup.precision()).isCloseTo(0.2, EXACT);
    assertThat(dup.recall()).isCloseTo(1.0, EXACT);
    assertThat(dup.f1()).isCloseTo(2 * 0.2 / 1.2, EXACT);
    PatternScore loop = rows.get(1);
    assertThat(loop.planted()).isZero();
    assertThat(loop.found()).isZero();
    assertThat(loop.precision()).isNull();
    assertThat(loop.recall()).isNull();
    assertThat(loop.f1()).isNull();
  }

  @Test
  void leavesPrecisionUndefinedWhenNothingWasFoundAndF1UndefinedWhenNothingMatched() {
    List<Label> labels = List.of(label(Pattern.CONTEXT_BLOAT, "eng-1", 0, 10, LabelKind.PLANTED));

    PatternScore none = DetectorScore.score(labels, List.of()).get(0);
    PatternScore wrong =
        DetectorScore.score(labels, List.of(finding("x", Pattern.CONTEXT_BLOAT, "eng-2", 0, 10)))
            .get(0);

    assertThat(none.precision()).isNull();
    assertThat(none.recall()).isCloseTo(0.0, EXACT);
    assertThat(none.falseNegatives()).isEqualTo(1);
    assertThat(wrong.precision()).isCloseTo(0.0, EXACT);
    assertThat(wrong.f1()).isNull();
  }

  @Test
  void rendersOneMarkdownRowPerPattern() {
    List<PatternScore> rows =
        DetectorScore.score(
            List.of(label(Pattern.RETRY_STORM, "eng-1", 0, 10, LabelKind.PLANTED)),
            List.of(finding("f", Pattern.RETRY_STORM, "eng-1", 0, 10)));

    assertThat(ScoreReport.markdown(rows))
        .contains(
            "| `RETRY_STORM` | 1 | 1 | 1 | 0 | 0 | 1.00 [0.21, 1.00] | 1.00 [0.21, 1.00] | 1.00 |");
  }

  @Test
  void countsAFindingEmittedInSeveralVersionsOnceAsItsHighestVersion() {
    List<Label> labels = List.of(label(Pattern.LOOPING_AGENT, "eng-1", 10, 20, LabelKind.PLANTED));
    Finding first = finding("loop", Pattern.LOOPING_AGENT, "eng-1", 0, 3);
    Finding grown =
        new Finding("loop", Pattern.LOOPING_AGENT.name(), "eng-1", T0, T0.plusSeconds(60L * 12), 4);
    Finding between =
        new Finding("loop", Pattern.LOOPING_AGENT.name(), "eng-1", T0, T0.plusSeconds(60L * 6), 2);

    PatternScore row = DetectorScore.score(labels, List.of(first, grown, between)).get(0);

    assertThat(row.found()).isEqualTo(1);
    assertThat(row.truePositives()).isEqualTo(1);
    assertThat(row.falsePositives()).isZero();
  }

  @Test
  void wilsonIntervalOfEightOfTenAndOfThirtyOfThirty() {
    WilsonInterval eightOfTen = WilsonInterval.of(8, 10);
    assertThat(eightOfTen.low()).isCloseTo(0.4902, Offset.offset(1e-4));
    assertThat(eightOfTen.high()).isCloseTo(0.9433, Offset.offset(1e-4));
    WilsonInterval all = WilsonInterval.of(30, 30);
    assertThat(all.low()).isCloseTo(0.8865, Offset.offset(1e-4));
    assertThat(all.high()).isCloseTo(1.0, EXACT);
    assertThat(WilsonInterval.of(0, 0)).isNull();
  }

  @Test
  void scoresCarryTheWilsonIntervalsOfPrecisionAndRecall() {
    List<Label> labels =
        java.util.stream.IntStream.range(0, 10)
            .mapToObj(i -> label(Pattern.RETRY_STORM, "eng-" + i, 0, 10, LabelKind.PLANTED))
            .toList();
    List<Finding> findings =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> finding("f" + i, Pattern.RETRY_STORM, "eng-" + i, 0, 10))
            .toList();

    PatternScore row = DetectorScore.score(labels, findings).get(0);

    assertThat(row.recallLow()).isCloseTo(0.4902, Offset.offset(1e-4));
    assertThat(row.recallHigh()).isCloseTo(0.9433, Offset.offset(1e-4));
    assertThat(row.precisionLow()).isCloseTo(WilsonInterval.of(8, 8).low(), EXACT);
    assertThat(row.precisionHigh()).isCloseTo(1.0, EXACT);
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
