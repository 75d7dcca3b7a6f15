package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The requests of one engineer in one repository and minute of event time that no pull request has taken yet, as
 * sums per branch and session ({@link Part}): what the attribution adds up when the engineer's next pull-request
 * activity takes them, without one entry per request. A request joins the part of its branch and session; a part a
 * pull request took is removed, so a later request of that minute starts a new one.
 */
final class UnmatchedUsage {

  private static final byte FORMAT = 1;

  /** The sums of the requests of one branch and session in the minute. */
  static final class Part {
    final String branch;
    final String session;
    long requests;
    long inputTokens;
    long cacheReadTokens;
    long cacheWriteTokens;
    long outputTokens;
    double costUsd;
    Instant first;
    Instant last;

    Part(String branch, String session) {
      this.branch = branch;
      this.session = session;
    }

    void add(TokenUsage u) {
      requests++;
      inputTokens += u.getInputTokens();
      cacheReadTokens += u.getCacheReadTokens();
      cacheWriteTokens += u.getCacheWriteTokens();
      outputTokens += u.getOutputTokens();
      costUsd += u.getComputedCostUsd() == null ? 0.0 : u.getComputedCostUsd();
      Instant at = u.getOccurredAt();
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }

    long tokens() {
      return inputTokens + cacheReadTokens + cacheWriteTokens + outputTokens;
    }
  }

  private final List<Part> parts;

  UnmatchedUsage() {
    this(new ArrayList<>());
  }

  private UnmatchedUsage(List<Part> parts) {
    this.parts = parts;
  }

  /** Adds {@code usage} to the part of its branch and session. */
  void add(TokenUsage usage) {
    for (Part p : parts) {
      if (Objects.equals(p.branch, usage.getBranch()) && Objects.equals(p.session, usage.getSessionId())) {
        p.add(usage);
        return;
      }
    }
    Part p = new Part(usage.getBranch(), usage.getSessionId());
    p.add(usage);
    parts.add(p);
  }

  /** The parts, in the order they were started. */
  List<Part> parts() {
    return List.copyOf(parts);
  }

  /** Removes {@code part}, once a pull request took it. */
  void remove(Part part) {
    parts.remove(part);
  }

  boolean isEmpty() {
    return parts.isEmpty();
  }

  /** Its serde, for the unmatched-usage store and its changelog; internal, never on a catalog topic. */
  static Serde<UnmatchedUsage> serde() {
    Serializer<UnmatchedUsage> serializer = (topic, usage) -> usage == null ? null : usage.write();
    Deserializer<UnmatchedUsage> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private byte[] write() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 96 * parts.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeInt(parts.size());
      for (Part p : parts) {
        PrUsageSerde.writeNullable(out, p.branch);
        PrUsageSerde.writeNullable(out, p.session);
        out.writeLong(p.requests);
        out.writeLong(p.inputTokens);
        out.writeLong(p.cacheReadTokens);
        out.writeLong(p.cacheWriteTokens);
        out.writeLong(p.outputTokens);
        out.writeDouble(p.costUsd);
        out.writeLong(p.first.toEpochMilli());
        out.writeLong(p.last.toEpochMilli());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static UnmatchedUsage read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new SerializationException("Unknown unmatched-usage format " + format + " (" + bytes.length + " bytes)");
      }
      int n = in.readInt();
      List<Part> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Part p = new Part(PrUsageSerde.readNullable(in), PrUsageSerde.readNullable(in));
        p.requests = in.readLong();
        p.inputTokens = in.readLong();
        p.cacheReadTokens = in.readLong();
        p.cacheWriteTokens = in.readLong();
        p.outputTokens = in.readLong();
        p.costUsd = in.readDouble();
        p.first = Instant.ofEpochMilli(in.readLong());
        p.last = Instant.ofEpochMilli(in.readLong());
        parts.add(p);
      }
      return new UnmatchedUsage(parts);
    } catch (IOException e) {
      throw new SerializationException("Cannot read unmatched usage (" + bytes.length + " bytes)", e);
    }
  }
}
