package io.tokenlens.streams.rollups;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@link RollupAccumulator} for the window store and its changelog: a version byte, the counters as longs,
 * the cost as a double, then the session ids. Internal state only, never on a catalog topic.
 */
public final class RollupAccumulatorSerde implements Serde<RollupAccumulator> {

  private static final byte FORMAT = 1;

  @Override
  public Serializer<RollupAccumulator> serializer() {
    return (topic, acc) -> acc == null ? null : write(acc);
  }

  @Override
  public Deserializer<RollupAccumulator> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  private static byte[] write(RollupAccumulator acc) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + acc.sessions.size() * 40);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      for (long counter : new long[] {acc.requests, acc.errors, acc.inputTokens, acc.cacheReadTokens,
          acc.cacheWriteTokens, acc.outputTokens, acc.reasoningTokens}) {
        out.writeLong(counter);
      }
      out.writeDouble(acc.costUsd);
      out.writeInt(acc.sessions.size());
      for (String session : acc.sessions) {
        out.writeUTF(session);
      }
    } catch (IOException e) {
      throw new SerializationException("Cannot write rollup accumulator", e);
    }
    return bytes.toByteArray();
  }

  private static RollupAccumulator read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new SerializationException("Unknown rollup accumulator format " + format);
      }
      RollupAccumulator acc = new RollupAccumulator();
      acc.requests = in.readLong();
      acc.errors = in.readLong();
      acc.inputTokens = in.readLong();
      acc.cacheReadTokens = in.readLong();
      acc.cacheWriteTokens = in.readLong();
      acc.outputTokens = in.readLong();
      acc.reasoningTokens = in.readLong();
      acc.costUsd = in.readDouble();
      int sessions = in.readInt();
      for (int i = 0; i < sessions; i++) {
        acc.sessions.add(in.readUTF());
      }
      return acc;
    } catch (IOException e) {
      throw new SerializationException("Cannot read rollup accumulator", e);
    }
  }
}
