package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetScoreTest {

  @Test
  void shouldScoreFoundItemsAgainstThePlantedOnes() {
    PatternScore score = SetScore.of("P", List.of("a", "b"), List.of(), List.of("a", "c", "d"));

    assertThat(score.planted()).isEqualTo(2);
    assertThat(score.found()).isEqualTo(3);
    assertThat(score.truePositives()).isEqualTo(1);
    assertThat(score.unlabelled()).isEqualTo(2);
    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.recallLow()).isNotNull();
  }

  @Test
  void shouldCountAFoundLookAlikeAsAFalsePositiveOnALookAlike() {
    PatternScore score =
        SetScore.of("P", List.of("a"), List.of("x", "y"), List.of("a", "a", "x", "z"));

    assertThat(score.found()).as("each item once").isEqualTo(3);
    assertThat(score.truePositives()).isEqualTo(1);
    assertThat(score.onLookAlike()).isEqualTo(1);
    assertThat(score.unlabelled()).isEqualTo(1);
    assertThat(score.precision()).isEqualTo(1.0 / 3);
  }
}
