package io.tokenlens.streams.rollups;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link RollupTotals} as 89 bytes: a format byte, then the counters, the cost and the part count.
 * The serde of the rollup stores, their changelogs and the partial sums' repartition topic;
 * internal, never on a catalog topic. A new format gets a new byte, and this reads every format it
 * ever wrote.
 */
public final class RollupTotalsSerde implements Serde<RollupTotals> {

  static final byte FORMAT = 3;
  static final int SIZE = 1 + 10 * Long.BYTES;

  @Override
  public Serializer<RollupTotals> serializer() {
    return (topic, totals) -> totals == null ? null : write(totals);
  }

  @Override
  public Deserializer<RollupTotals> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(RollupTotals t) {
    return ByteBuffer.allocate(SIZE)
        .put(FORMAT)
        .putLong(t.requests)
        .putLong(t.errors)
        .putLong(t.inputTokens)
        .putLong(t.cacheReadTokens)
        .putLong(t.cacheWriteTokens)
        .putLong(t.outputTokens)
        .putLong(t.reasoningTokens)
        .putDouble(t.costUsd)
        .putLong(t.sessions)
        .putLong(t.parts)
        .array();
  }

  static RollupTotals read(byte[] bytes) {
    if (bytes.length != SIZE || bytes[0] != FORMAT) {
      throw new SerializationException(
          "Cannot read rollup totals: "
              + bytes.length
              + " bytes, format "
              + (bytes.length == 0 ? "none" : bytes[0])
              + "; expected "
              + SIZE
              + " bytes of format "
              + FORMAT);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, SIZE - 1);
    RollupTotals t = new RollupTotals();
    t.requests = in.getLong();
    t.errors = in.getLong();
    t.inputTokens = in.getLong();
    t.cacheReadTokens = in.getLong();
    t.cacheWriteTokens = in.getLong();
    t.outputTokens = in.getLong();
    t.reasoningTokens = in.getLong();
    t.costUsd = in.getDouble();
    t.sessions = in.getLong();
    t.parts = in.getLong();
    return t;
  }
}
