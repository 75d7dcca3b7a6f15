package io.tokenlens.streams.alerts;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@link Baseline} for its store and changelog: a version byte, mean, variance,
 * observations.
 */
public final class BaselineSerde implements Serde<Baseline> {

  private static final byte FORMAT = 1;
  private static final int SIZE = 1 + 8 + 8 + 8;

  @Override
  public Serializer<Baseline> serializer() {
    return (topic, b) ->
        b == null
            ? null
            : ByteBuffer.allocate(SIZE)
                .put(FORMAT)
                .putDouble(b.mean())
                .putDouble(b.variance())
                .putLong(b.observations())
                .array();
  }

  @Override
  public Deserializer<Baseline> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (bytes.length != SIZE || in.get() != FORMAT) {
        throw new SerializationException("Unknown baseline format (" + bytes.length + " bytes)");
      }
      return new Baseline(in.getDouble(), in.getDouble(), in.getLong());
    };
  }
}
