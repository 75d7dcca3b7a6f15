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
 * The requests of one engineer in one repository and minute of event time that no pull request has
 * taken yet, as sums per branch and session ({@link Part}): what the attribution adds up when the
 * engineer's next pull-request activity takes them, without one entry per request. Requests arrive
 * already summed per session and commit ({@link PrUsagePart}) and join the part of their branch and
 * session; a part a pull request took is removed, so later requests of that minute start a new one.
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

    /** Adds the requests of {@code other}, of the same branch and session. */
    void add(Part other) {
      requests += other.requests;
      inputTokens += other.inputTokens;
      cacheReadTokens += other.cacheReadTokens;
      cacheWriteTokens += other.cacheWriteTokens;
      outputTokens += other.outputTokens;
      costUsd += other.costUsd;
      first = first == null || other.first.isBefore(first) ? other.first : first;
      last = last == null || other.last.isAfter(last) ? other.last : last;
    }

    long tokens() {
      return inputTokens + cacheReadTokens + cacheWriteTokens + outputTokens;
    }

    /** Writes the part: branch, session, the sums, first and last event time. */
    void writeTo(DataOutputStream out) throws IOException {
      PrUsageSerde.writeNullable(out, branch);
      PrUsageSerde.writeNullable(out, session);
      out.writeLong(requests);
      out.writeLong(inputTokens);
      out.writeLong(cacheReadTokens);
      out.writeLong(cacheWriteTokens);
      out.writeLong(outputTokens);
      out.writeDouble(costUsd);
      out.writeLong(first.toEpochMilli());
      out.writeLong(last.toEpochMilli());
    }

    /** Reads a part {@link #writeTo} wrote. */
    static Part readFrom(DataInputStream in) throws IOException {
      Part p = new Part(PrUsageSerde.readNullable(in), PrUsageSerde.readNullable(in));
      p.requests = in.readLong();
      p.inputTokens = in.readLong();
      p.cacheReadTokens = in.readLong();
      p.cacheWriteTokens = in.readLong();
      p.outputTokens = in.readLong();
      p.costUsd = in.readDouble();
      p.first = Instant.ofEpochMilli(in.readLong());
      p.last = Instant.ofEpochMilli(in.readLong());
      return p;
    }
  }

  private final List<Part> parts;

  UnmatchedUsage() {
    this(new ArrayList<>());
  }

  private UnmatchedUsage(List<Part> parts) {
    this.parts = parts;
  }

  /**
   * Adds the requests of {@code part} to the part of its branch and session, or keeps it as a new
   * one.
   */
  void add(Part part) {
    for (Part p : parts) {
      if (Objects.equals(p.branch, part.branch) && Objects.equals(p.session, part.session)) {
        p.add(part);
        return;
      }
    }
    parts.add(part);
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

  /**
   * Its serde, for the unmatched-usage store and its changelog; internal, never on a catalog topic.
   */
  static Serde<UnmatchedUsage> serde() {
    Serializer<UnmatchedUsage> serializer = (topic, usage) -> usage == null ? null : usage.write();
    Deserializer<UnmatchedUsage> deserializer =
        (topic, bytes) -> bytes == null ? null : read(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private byte[] write() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 96 * parts.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeInt(parts.size());
      for (Part p : parts) {
        p.writeTo(out);
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
        throw new SerializationException(
            "Unknown unmatched-usage format " + format + " (" + bytes.length + " bytes)");
      }
      int n = in.readInt();
      List<Part> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(Part.readFrom(in));
      }
      return new UnmatchedUsage(parts);
    } catch (IOException e) {
      throw new SerializationException(
          "Cannot read unmatched usage (" + bytes.length + " bytes)", e);
    }
  }
}
