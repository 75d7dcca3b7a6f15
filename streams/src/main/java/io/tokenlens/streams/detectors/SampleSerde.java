package io.tokenlens.streams.detectors;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A {@link Sample} as 24 bytes: input tokens, output tokens (longs), cost (double). */
public final class SampleSerde implements Serde<Sample> {

  private static final int SIZE = 3 * Long.BYTES;

  @Override
  public Serializer<Sample> serializer() {
    return (topic, sample) ->
        sample == null
            ? null
            : ByteBuffer.allocate(SIZE)
                .putLong(sample.inputTokens())
                .putLong(sample.outputTokens())
                .putDouble(sample.costUsd())
                .array();
  }

  @Override
  public Deserializer<Sample> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length != SIZE) {
        throw new IllegalArgumentException(
            "a detector sample is " + SIZE + " bytes, not " + bytes.length);
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new Sample(b.getLong(), b.getLong(), b.getDouble());
    };
  }
}
