package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The requests the PR attribution reads, as the few fields it reads: event id, session, engineer, repository, branch,
 * event time, tokens by kind and computed cost, written and read field by field with no schema lookup, instead of
 * the whole 34-field {@link TokenUsage} in Avro (about 60% of its bytes, and a third of its fields to decode). The serde of the repartition by repository and of the unmatched-usage store;
 * internal, never on a catalog topic. Reads the earlier state too: a value starting with the Confluent magic byte is
 * a whole {@code TokenUsage} written before this format, and {@code avro} reads it.
 */
public final class PrUsageSerde implements Serde<TokenUsage> {

  static final byte FORMAT = 1;
  private static final byte CONFLUENT_MAGIC = 0;

  private final Deserializer<TokenUsage> avro;

  /** @param avro the Avro deserializer of {@code token-usage-enriched}, for state written before this format */
  public PrUsageSerde(Deserializer<TokenUsage> avro) {
    this.avro = avro;
  }

  @Override
  public Serializer<TokenUsage> serializer() {
    return (topic, usage) -> usage == null ? null : write(usage);
  }

  @Override
  public Deserializer<TokenUsage> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == CONFLUENT_MAGIC) {
        return avro.deserialize(topic, bytes);
      }
      return read(bytes);
    };
  }

  static byte[] write(TokenUsage u) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(u.getEventId());
      writeNullable(out, u.getSessionId());
      writeNullable(out, u.getEngineerId());
      writeNullable(out, u.getRepository());
      writeNullable(out, u.getBranch());
      out.writeLong(u.getOccurredAt().toEpochMilli());
      out.writeLong(u.getInputTokens());
      out.writeLong(u.getCacheReadTokens());
      out.writeLong(u.getCacheWriteTokens());
      out.writeLong(u.getOutputTokens());
      out.writeBoolean(u.getComputedCostUsd() != null);
      out.writeDouble(u.getComputedCostUsd() == null ? 0 : u.getComputedCostUsd());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A {@code TokenUsage} holding the projected fields only; every other field is unset. */
  static TokenUsage read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new SerializationException("Unknown PR usage format " + format + " (" + bytes.length + " bytes)");
      }
      TokenUsage u = new TokenUsage();
      u.setEventId(in.readUTF());
      u.setSessionId(readNullable(in));
      u.setEngineerId(readNullable(in));
      u.setRepository(readNullable(in));
      u.setBranch(readNullable(in));
      u.setOccurredAt(Instant.ofEpochMilli(in.readLong()));
      u.setInputTokens(in.readLong());
      u.setCacheReadTokens(in.readLong());
      u.setCacheWriteTokens(in.readLong());
      u.setOutputTokens(in.readLong());
      boolean priced = in.readBoolean();
      double cost = in.readDouble();
      u.setComputedCostUsd(priced ? cost : null);
      return u;
    } catch (IOException e) {
      throw new SerializationException("Cannot read PR usage (" + bytes.length + " bytes)", e);
    }
  }

  static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
