package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.simulator.coverage.SpendLabel;
import io.tokenlens.simulator.eval.SpendCoverageScore.Row;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendCoverageScoreTest {
  private static final LocalDate MON = LocalDate.parse("2026-11-30");
  private static final LocalDate TUE = MON.plusDays(1);
  private static final LocalDate WED = MON.plusDays(2);

  private static final List<SpendLabel> LABELS =
      List.of(
          new SpendLabel(MON, "anthropic", 130, 100, 30),
          new SpendLabel(TUE, "anthropic", 100, 100, 0),
          new SpendLabel(WED, "anthropic", 120, 100, 20),
          new SpendLabel(MON, "openai", 5, 5, 0));

  @Test
  void findsThePlantedDaysAndChargesAFindingOfACleanDayAsUnlabelled() {
    PatternScore score =
        SpendCoverageScore.score(
            LABELS,
            List.of(
                new Row(MON, "anthropic", "", 130, 100, 30),
                new Row(TUE, "anthropic", "", 100, 90, 10),
                new Row(WED, "anthropic", "", 120, 100, 20),
                new Row(MON, "openai", "", 5, 5, 0)));
    assertThat(score.pattern()).isEqualTo("UNINSTRUMENTED_SPEND");
    assertThat(score.planted()).isEqualTo(2);
    assertThat(score.found()).isEqualTo(3);
    assertThat(score.truePositives()).isEqualTo(2);
    assertThat(score.unlabelled()).isEqualTo(1);
    assertThat(score.recall()).isEqualTo(1.0);
  }

  @Test
  void doesNotCountAShortfallWithinTheReplaysToleranceAsAFinding() {
    PatternScore score =
        SpendCoverageScore.score(
            LABELS,
            List.of(
                new Row(MON, "anthropic", "", 130, 100, 30),
                // 4% of the export unseen: a dropped request, not a planted job
                new Row(TUE, "anthropic", "", 100, 96, 4),
                new Row(WED, "anthropic", "", 120, 119, 1)));
    assertThat(score.found()).isEqualTo(1);
    assertThat(score.precision()).isEqualTo(1.0);
    assertThat(score.falseNegatives()).isEqualTo(1);
  }

  @Test
  void countsASecondRowOfAPlantedDayAsRepeated() {
    PatternScore score =
        SpendCoverageScore.score(
            LABELS,
            List.of(
                new Row(MON, "anthropic", "", 130, 100, 30),
                new Row(MON, "anthropic", "org-2", 10, 0, 10)));
    assertThat(score.truePositives()).isEqualTo(1);
    assertThat(score.repeated()).isEqualTo(1);
    assertThat(score.unlabelled()).isZero();
  }
}
