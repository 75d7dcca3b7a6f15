package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PendingRequestSerdeTest {

  private final PendingRequestSerde serde = new PendingRequestSerde();

  private PendingRequest roundTrip(PendingRequest request) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", request));
  }

  @Test
  void shouldReadBackEveryFieldIncludingTheMissingOnes() {
    PendingRequest whole =
        new PendingRequest(1_796_190_957_523L, "s-1", "eng-7", "payments", "acme/api");
    PendingRequest partial = new PendingRequest(-5, "s-2", null, null, null);
    PendingRequest sampled = whole.with(new Sample(120_000, 0, 0.41));

    assertThat(roundTrip(whole)).isEqualTo(whole);
    assertThat(roundTrip(sampled)).isEqualTo(sampled);
    assertThat(roundTrip(partial)).isEqualTo(partial);
    assertThat(serde.serializer().serialize("t", whole)).hasSizeLessThan(60);
  }

  @Test
  void shouldReadTheFormerFormatWithoutASample() {
    byte[] current = serde.serializer().serialize("t", new PendingRequest(7, "s", "e", "t", "r"));
    byte[] former =
        Arrays.copyOf(current, current.length - 1); // format 1 ended after the repository
    former[0] = 1;

    assertThat(serde.deserializer().deserialize("t", former))
        .isEqualTo(new PendingRequest(7, "s", "e", "t", "r"));
  }

  @Test
  void shouldRefuseAnotherFormatOrATruncatedRecord() {
    byte[] bytes = serde.serializer().serialize("t", new PendingRequest(1, "s", "e", "t", "r"));
    byte[] other = bytes.clone();
    other[0] = 9;

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", other))
        .hasMessageContaining("format 9");
    assertThatThrownBy(
            () -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 2)))
        .hasMessageContaining("truncated");
  }
}
