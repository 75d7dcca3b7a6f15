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
 * The serde of the repartition by repository ({@link PrUsagePart}), field by field with no schema
 * lookup; internal, never on a catalog topic. A value starts with its format:
 *
 * <ul>
 *   <li>{@value #SUMS}: a part: repository, engineer, then the part as {@link UnmatchedUsage}
 *       stores it (branch, session, requests, tokens by kind, cost, first and last event time).
 *       Written.
 *   <li>{@value #REQUEST}: one request as the few fields the attribution read (event id, session,
 *       engineer, repository, branch, event time, tokens by kind, cost), written before parts; read
 *       as a part of one request.
 *   <li>0, the Confluent magic byte: a whole {@code TokenUsage} in Avro, written before that;
 *       {@code avro} reads it.
 * </ul>
 *
 * A repartition written by an earlier version is read after an upgrade.
 */
public final class PrUsageSerde implements Serde<PrUsagePart> {

  static final byte SUMS = 2;
  static final byte REQUEST = 1;
  private static final byte CONFLUENT_MAGIC = 0;

  private final Deserializer<TokenUsage> avro;

  /**
   * @param avro the Avro deserializer of {@code token-usage-enriched}, for records written before
   *     these formats
   */
  public PrUsageSerde(Deserializer<TokenUsage> avro) {
    this.avro = avro;
  }

  @Override
  public Serializer<PrUsagePart> serializer() {
    return (topic, part) -> part == null ? null : write(part);
  }

  @Override
  public Deserializer<PrUsagePart> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == CONFLUENT_MAGIC) {
        return PrUsagePart.of(avro.deserialize(topic, bytes));
      }
      return read(bytes);
    };
  }

  static byte[] write(PrUsagePart part) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(SUMS);
      writeNullable(out, part.repository());
      writeNullable(out, part.engineerId());
      part.sums().writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static PrUsagePart read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      return switch (format) {
        case SUMS ->
            new PrUsagePart(readNullable(in), readNullable(in), UnmatchedUsage.Part.readFrom(in));
        case REQUEST -> PrUsagePart.of(readRequest(in));
        default ->
            throw new SerializationException(
                "Unknown PR usage format " + format + " (" + bytes.length + " bytes)");
      };
    } catch (IOException e) {
      throw new SerializationException("Cannot read PR usage (" + bytes.length + " bytes)", e);
    }
  }

  /**
   * A request in format {@value #REQUEST}, after its format byte: a {@code TokenUsage} of those
   * fields only.
   */
  private static TokenUsage readRequest(DataInputStream in) throws IOException {
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
