package io.tokenlens.streams.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RollupTotalsSerdeTest {

  private final RollupTotalsSerde serde = new RollupTotalsSerde();

  @Test
  void shouldRoundTripEveryField() {
    RollupTotals t = new RollupTotals();
    t.requests = 1;
    t.errors = 2;
    t.inputTokens = 3;
    t.cacheReadTokens = 4;
    t.cacheWriteTokens = 5;
    t.outputTokens = 6;
    t.reasoningTokens = 7;
    t.costUsd = 8.25;
    t.sessions = 9;
    t.parts = 10;

    byte[] bytes = serde.serializer().serialize("t", t);
    RollupTotals back = serde.deserializer().deserialize("t", bytes);

    assertThat(bytes).hasSize(RollupTotalsSerde.SIZE);
    assertThat(back).usingRecursiveComparison().isEqualTo(t);
  }

  @Test
  void shouldRefuseBytesOfAnotherFormatWithWhatItFound() {
    byte[] bytes = serde.serializer().serialize("t", new RollupTotals());
    bytes[0] = 2;

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("format 2");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[3]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes");
  }
}
