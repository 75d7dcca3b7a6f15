package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.simulator.reverts.PlantedRevert;
import io.tokenlens.simulator.waste.LabelKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevertScoreTest {
  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  private static PlantedRevert revert(long number, String branch, LabelKind kind) {
    return new PlantedRevert("acme/shop", number, "e1", "sha" + number, branch, AT, kind);
  }

  @Test
  void shouldFindThePlantedRevertsAndCountARevertBranchAsALookAlike() {
    List<PlantedRevert> reverts =
        List.of(
            revert(1, "main", LabelKind.PLANTED),
            revert(2, "main", LabelKind.PLANTED),
            revert(3, "revert-3-feature/x", LabelKind.LOOK_ALIKE));

    PatternScore score = RevertScore.score(reverts, List.of("acme/shop#1", "acme/shop#3"));

    assertThat(score.pattern()).isEqualTo(RevertScore.REVERTED_PR);
    assertThat(score.planted()).isEqualTo(2);
    assertThat(score.truePositives()).isEqualTo(1);
    assertThat(score.onLookAlike()).isEqualTo(1);
    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.precision()).isEqualTo(0.5);
  }
}
