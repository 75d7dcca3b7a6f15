package io.tokenlens.streams.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.testkit.fixtures.TokenUsages;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RollupAccumulatorSerdeTest {
  private final RollupAccumulatorSerde serde = new RollupAccumulatorSerde();

  private static TokenUsage usage(String session, boolean failed) {
    return (failed ? TokenUsages.aFailedRequest(1) : TokenUsages.aRequest()).session(session)
        .tokens(100, 5, 7, 20).build();
  }

  private RollupAccumulator roundTrip(RollupAccumulator acc) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", acc));
  }

  @Test
  void shouldKeepEveryCounterAndCountEachSessionOnce() {
    RollupAccumulator acc = new RollupAccumulator();
    for (int i = 0; i < 1_000; i++) {
      acc.add(usage("s-" + (i % 300), i % 10 == 0));
    }

    RollupAccumulator back = roundTrip(acc);

    assertThat(back).isEqualTo(acc);
    assertThat(back.requests()).isEqualTo(1_000);
    assertThat(back.errors()).isEqualTo(100);
    assertThat(back.sessionCount()).isEqualTo(300);
    assertThat(back.add(usage("s-7", false)).sessionCount()).as("a known session").isEqualTo(300);
    assertThat(back.add(usage("s-new", false)).sessionCount()).isEqualTo(301);
  }

  @Test
  void shouldCountTheSameSessionsWhateverTheirOrder() {
    RollupAccumulator forward = new RollupAccumulator();
    RollupAccumulator backward = new RollupAccumulator();
    for (int i = 0; i < 50; i++) {
      forward.add(usage("s-" + i, false));
      backward.add(usage("s-" + (49 - i), false));
    }

    assertThat(roundTrip(forward)).isEqualTo(roundTrip(backward));
    assertThat(roundTrip(forward).sessionCount()).isEqualTo(50);
  }

  @Test
  void shouldReadTheEarlierFormatWithSessionIdsAsStrings() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(RollupAccumulatorSerde.FORMAT_SESSION_IDS);
      for (long counter : new long[] {3, 1, 300, 15, 21, 60, 9}) {
        out.writeLong(counter);
      }
      out.writeDouble(0.75);
      out.writeInt(2);
      out.writeUTF("s-a");
      out.writeUTF("s-b");
    }

    RollupAccumulator acc = serde.deserializer().deserialize("t", bytes.toByteArray());

    assertThat(acc.requests()).isEqualTo(3);
    assertThat(acc.errors()).isEqualTo(1);
    assertThat(acc.sessionCount()).isEqualTo(2);
    assertThat(acc.add(usage("s-a", false)).sessionCount()).as("the same ids as before").isEqualTo(2);
    assertThat(roundTrip(acc)).isEqualTo(acc);
  }

  @Test
  void shouldRefuseAnUnknownFormatOrATruncatedValue() {
    byte[] valid = serde.serializer().serialize("t", new RollupAccumulator().add(usage("s-1", false)));
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
    byte[] unknown = valid.clone();
    unknown[0] = 9;

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
        .isInstanceOf(SerializationException.class).hasMessageContaining("Cannot read rollup accumulator");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", unknown))
        .isInstanceOf(SerializationException.class).hasRootCauseMessage("Unknown rollup accumulator format 9");
  }
}
