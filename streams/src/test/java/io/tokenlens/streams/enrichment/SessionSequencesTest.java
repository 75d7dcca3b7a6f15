package io.tokenlens.streams.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionSequencesTest {

  @Test
  void shouldReadTheSequenceNumberOfAClaudeCodeEventOfTheRecordsSession() {
    assertThat(SessionSequences.sequenceOf("claude-code:s-1:42", "s-1")).isEqualTo(42);
    assertThat(SessionSequences.sequenceOf("claude-code:a:b:0", "a:b")).isZero();
  }

  @Test
  void shouldLeaveEveryOtherIdToTheIdLog() {
    assertThat(SessionSequences.sequenceOf("claude-code:s-2:42", "s-1"))
        .isEqualTo(-1); // another session
    assertThat(SessionSequences.sequenceOf("claude-code:s-1:", "s-1")).isEqualTo(-1);
    assertThat(SessionSequences.sequenceOf("claude-code:s-1:4x", "s-1")).isEqualTo(-1);
    assertThat(SessionSequences.sequenceOf("claude-code:s-1:-4", "s-1")).isEqualTo(-1);
    assertThat(SessionSequences.sequenceOf("claude-code:s-1:1234567890123456789", "s-1"))
        .isEqualTo(-1);
    assertThat(SessionSequences.sequenceOf("claude-code:s-142", "s-1")).isEqualTo(-1);
    assertThat(SessionSequences.sequenceOf("otlp-log:ab12", "s-1")).isEqualTo(-1);
    assertThat(SessionSequences.sequenceOf(null, "s-1")).isEqualTo(-1);
    assertThat(SessionSequences.sequenceOf("claude-code:s-1:4", null)).isEqualTo(-1);
  }
}
