package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestShapeTest {

  private static final Sample SAMPLE = new Sample(21_500, 400, 0.0165);

  private static RequestShape shape(long uncached, long output, int prompt) {
    return new RequestShape(uncached, output, prompt, SAMPLE);
  }

  @Test
  void shouldMatchShapesWithinTheFractionOrTheTokensWhicheverIsMore() {
    RequestShape loop = shape(1_500, 400, 7);

    assertThat(loop.similarTo(shape(1_509, 418, 7), 0.1, 64)).isTrue(); // a few percent of jitter
    assertThat(loop.similarTo(shape(1_500, 440, 7), 0.1, 64))
        .isTrue(); // 40 tokens: under the 64-token floor
    assertThat(loop.similarTo(shape(1_500, 480, 7), 0.1, 64)).isFalse(); // 80 tokens: over both
    assertThat(shape(20_000, 400, 7).similarTo(shape(21_900, 400, 7), 0.1, 64))
        .isTrue(); // 9.5% of the larger
    assertThat(shape(20_000, 400, 7).similarTo(shape(22_500, 400, 7), 0.1, 64)).isFalse();
  }

  @Test
  void shouldNeverMatchRequestsOfTwoPromptsButMatchWhenEitherHasNone() {
    assertThat(shape(1_500, 400, 7).similarTo(shape(1_500, 400, 8), 0.1, 64)).isFalse();
    assertThat(shape(1_500, 400, 7).similarTo(shape(1_500, 400, 0), 0.1, 64)).isTrue();
  }

  @Test
  void shouldReadBackWhatItWritesAndRefuseAnotherSize() {
    RequestShapeSerde serde = new RequestShapeSerde();
    RequestShape shape = shape(1_500, 400, -42);
    byte[] bytes = serde.serializer().serialize("t", shape);

    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(shape);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[24]))
        .hasMessageContaining("44 bytes, not 24");
  }
}
