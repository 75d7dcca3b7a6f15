package io.tokenlens.streams.detectors;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link RequestShape} as 44 bytes: uncached input and output tokens, its prompt hash, then its
 * {@link SampleSerde sample}.
 */
final class RequestShapeSerde implements Serde<RequestShape> {

  private static final int SIZE = 5 * Long.BYTES + Integer.BYTES;

  @Override
  public Serializer<RequestShape> serializer() {
    return (topic, shape) ->
        shape == null
            ? null
            : ByteBuffer.allocate(SIZE)
                .putLong(shape.uncachedInputTokens())
                .putLong(shape.outputTokens())
                .putInt(shape.prompt())
                .putLong(shape.sample().inputTokens())
                .putLong(shape.sample().outputTokens())
                .putDouble(shape.sample().costUsd())
                .array();
  }

  @Override
  public Deserializer<RequestShape> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length != SIZE) {
        throw new IllegalArgumentException(
            "a request shape is " + SIZE + " bytes, not " + bytes.length);
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new RequestShape(
          b.getLong(),
          b.getLong(),
          b.getInt(),
          new Sample(b.getLong(), b.getLong(), b.getDouble()));
    };
  }
}
