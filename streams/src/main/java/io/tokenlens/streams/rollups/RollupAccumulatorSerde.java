package io.tokenlens.streams.rollups;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@link RollupAccumulator} for the window store and its changelog: a version byte, the counters as longs,
 * the cost as a double, then the sessions ({@link SessionHashes}: their count and sorted 64-bit hashes). Reads the
 * earlier format 1 too (the session ids as modified-UTF-8 strings), so state written before an upgrade restores.
 * Internal state only, never on a catalog topic.
 */
public final class RollupAccumulatorSerde implements Serde<RollupAccumulator> {

  static final byte FORMAT = 2;
  static final byte FORMAT_SESSION_IDS = 1;
  private static final int COUNTERS = 7;

  @Override
  public Serializer<RollupAccumulator> serializer() {
    return (topic, acc) -> acc == null ? null : write(acc);
  }

  @Override
  public Deserializer<RollupAccumulator> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(RollupAccumulator acc) {
    ByteBuffer out = ByteBuffer.allocate(1 + COUNTERS * Long.BYTES + Double.BYTES + acc.sessions.serializedSize());
    out.put(FORMAT);
    out.putLong(acc.requests).putLong(acc.errors).putLong(acc.inputTokens).putLong(acc.cacheReadTokens)
        .putLong(acc.cacheWriteTokens).putLong(acc.outputTokens).putLong(acc.reasoningTokens);
    out.putDouble(acc.costUsd);
    acc.sessions.writeTo(out);
    return out.array();
  }

  static RollupAccumulator read(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte format = in.get();
      if (format != FORMAT && format != FORMAT_SESSION_IDS) {
        throw new SerializationException("Unknown rollup accumulator format " + format);
      }
      RollupAccumulator acc = new RollupAccumulator();
      acc.requests = in.getLong();
      acc.errors = in.getLong();
      acc.inputTokens = in.getLong();
      acc.cacheReadTokens = in.getLong();
      acc.cacheWriteTokens = in.getLong();
      acc.outputTokens = in.getLong();
      acc.reasoningTokens = in.getLong();
      acc.costUsd = in.getDouble();
      if (format == FORMAT) {
        acc.sessions = SessionHashes.readFrom(in);
      } else {
        readSessionIds(in, acc);
      }
      return acc;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot read rollup accumulator (" + bytes.length + " bytes)", e);
    }
  }

  private static void readSessionIds(ByteBuffer in, RollupAccumulator acc) throws IOException {
    try (DataInputStream ids = new DataInputStream(
        new ByteArrayInputStream(in.array(), in.position(), in.remaining()))) {
      int sessions = ids.readInt();
      for (int i = 0; i < sessions; i++) {
        acc.sessions.add(ids.readUTF());
      }
    }
  }
}
