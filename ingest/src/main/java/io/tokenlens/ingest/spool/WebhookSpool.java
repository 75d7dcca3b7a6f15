package io.tokenlens.ingest.spool;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.Acknowledged;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.BackPressureException;
import io.tokenlens.ingest.publish.DeadLetterPayloadCap;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.PipelineStage;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool in front of Kafka for webhooks, whose senders do not reliably redeliver. A
 * delivery's records are appended to {@code spool.log} as one entry and {@code fsync}'d before the
 * sender gets its 2xx; a forwarder thread publishes entries to Kafka in order and records its
 * position in {@code spool.pos} (also fsync'd) only after Kafka acknowledged them. After a crash or
 * restart, forwarding resumes at that position: an entry may be published twice (crash between
 * acknowledgement and position write), never lost; the records' stable event ids make the duplicate
 * harmless downstream.
 *
 * <p>Entry format: {@code int length | body | long crc32(body)}; body = {@code int -1}, the {@link
 * AuthenticatedBy} value of the delivery (modified UTF-8, empty for none), {@code int count}, then
 * per record the catalog topic name (modified UTF-8), {@code int n} and {@code n} bytes of Avro
 * single-object encoding. A body that starts with the count (the format without a credential) is
 * published without the header. A torn entry at the end (crash mid-append) fails its length or
 * checksum and is cut off at start-up. The spool is bounded by {@code maxBytes} of unforwarded
 * data: beyond that, appends are refused ({@link BackPressureException}, 503). When the forwarder
 * has caught up, the file is truncated.
 *
 * <p>An entry Kafka cannot take now ({@link BackPressureException}: broker or registry unreachable,
 * buffer full, the producer's delivery timeout passed) is retried, in order, for as long as it
 * takes. An entry handed over and not yet acknowledged is waited for, never handed over again: its
 * acknowledgement may only be late (a partition leader failing over), and a second send would land
 * it twice. An entry Kafka refuses with a non-retriable error (a record over {@code
 * max.request.size}, a schema the registry rejects) is retried {@code maxRefusals} times; then its
 * records are published one by one and each one still refused goes to the dead-letter topic of its
 * topic, with the refused record as payload and the error as reason, and forwarding goes on with
 * the next entry. A record whose dead letter Kafka refuses too (a dead letter itself over {@code
 * max.request.size}, a dead-letter topic the producer may not write) is kept on disk instead: the
 * records of the entry in that state are written, as one entry body, to {@code
 * dead-letter/<offset>-<epoch millis>.entry} beside the spool with both refusals in {@code <same
 * name>.error} (both {@code fsync}'d), counted ({@code
 * tokenlens_ingest_rejected_total{reason="kept_in_dead_letter_dir"}}) and logged as an error naming
 * the file. Only once every record of the entry is acknowledged, dead-lettered or kept in that
 * directory does the position move past it.
 *
 * <p>An entry whose checksum holds but whose body does not decode (a topic this version's catalog
 * does not know, a record written with a schema it does not have: a spool written by another
 * version) can never be forwarded by this process. It is written, body as it is, to {@code
 * undecodable/<offset>-<epoch millis>.entry} beside the spool ({@code fsync}'d), counted ({@code
 * tokenlens_ingest_rejected_total{reason="undecodable_spool_entry"}}) and logged as an error naming
 * the file, and forwarding goes on with the next entry: a version that decodes it can take it back
 * by appending it to a stopped spool's log in the entry format.
 */
public final class WebhookSpool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSpool.class);
  private static final long TRUNCATE_AFTER_BYTES = 16L * 1024 * 1024;
  private static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;

  /** First int of an entry's body that names its credential; a record count is never negative. */
  private static final int NAMES_CREDENTIAL = -1;

  /** The {@code component} of the spool's dead letters and its metrics label. */
  public static final String COMPONENT = "webhook-spool";

  private static final int MAX_ERROR_MESSAGE = 2000;

  /** The directory beside the spool for records neither Kafka nor their dead-letter topic takes. */
  public static final String DEAD_LETTER_DIR = "dead-letter";

  private final Path undecodableDir;
  private final Path deadLetterDir;
  private final FileChannel log;
  private final FileChannel positionFile;
  private final long maxBytes;
  private final Publisher publisher;
  private final Duration publishTimeout;
  private final int maxRefusals;
  private final DeadLetterPayloadCap deadLetterCap;
  private final IngestMetrics metrics;
  private final Object lock = new Object();
  private final Thread forwarder;
  private long end;
  private long position;
  private volatile boolean closed;

  public WebhookSpool(Path dir, long maxBytes, Publisher publisher, Duration publishTimeout)
      throws IOException {
    this(
        dir,
        maxBytes,
        publisher,
        publishTimeout,
        5,
        new DeadLetterPayloadCap(1_000_000),
        new IngestMetrics());
  }

  /**
   * @param maxRefusals non-retriable refusals of one entry before its refused records are
   *     dead-lettered
   * @param deadLetterCap the largest payload of such a dead letter ({@code
   *     ingest.dead.letter.max.payload.bytes})
   */
  public WebhookSpool(
      Path dir,
      long maxBytes,
      Publisher publisher,
      Duration publishTimeout,
      int maxRefusals,
      DeadLetterPayloadCap deadLetterCap,
      IngestMetrics metrics)
      throws IOException {
    if (maxRefusals < 1) {
      throw new IllegalArgumentException("maxRefusals must be at least 1, got " + maxRefusals);
    }
    this.maxRefusals = maxRefusals;
    this.deadLetterCap = deadLetterCap;
    this.metrics = metrics;
    Files.createDirectories(dir);
    this.undecodableDir = dir.resolve("undecodable");
    this.deadLetterDir = dir.resolve(DEAD_LETTER_DIR);
    this.log =
        FileChannel.open(
            dir.resolve("spool.log"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    this.positionFile =
        FileChannel.open(
            dir.resolve("spool.pos"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    this.maxBytes = maxBytes;
    this.publisher = publisher;
    this.publishTimeout = publishTimeout;
    this.position = readPosition();
    this.end = recover();
    if (position > end) {
      position = 0; // truncated after catching up, position not yet reset when the process stopped
      writePosition(0);
    }
    this.forwarder = new Thread(this::forwardLoop, "webhook-spool-forwarder");
    forwarder.setDaemon(true);
    forwarder.start();
  }

  /** Bytes appended but not yet acknowledged by Kafka. */
  public long pendingBytes() {
    synchronized (lock) {
      return end - position;
    }
  }

  /**
   * Appends one delivery's records durably (fsync), to be published with the header of {@code
   * authenticatedBy}, or throws {@link BackPressureException} when the spool is full.
   */
  public void append(List<? extends PendingRecord<?>> records, AuthenticatedBy authenticatedBy)
      throws IOException {
    byte[] body = encode(records, authenticatedBy);
    ByteBuffer entry = ByteBuffer.allocate(4 + body.length + 8);
    CRC32 crc = new CRC32();
    crc.update(body);
    entry.putInt(body.length).put(body).putLong(crc.getValue()).flip();
    synchronized (lock) {
      if (closed) {
        throw new BackPressureException("the spool is closed (shutting down)");
      }
      if (end - position + entry.remaining() > maxBytes) {
        throw new BackPressureException(
            "webhook spool full ("
                + (end - position)
                + " bytes waiting for Kafka, "
                + "ingest.spool.max.bytes="
                + maxBytes
                + ")");
      }
      long at = end;
      while (entry.hasRemaining()) {
        at += log.write(entry, at);
      }
      log.force(false);
      end = at;
      lock.notifyAll();
    }
  }

  private void forwardLoop() {
    long backoffMs = 200;
    long refusedEntry = -1;
    int refusals = 0;
    while (!closed) {
      long from = -1;
      try {
        synchronized (lock) {
          while (position >= end && !closed) {
            if (end > TRUNCATE_AFTER_BYTES) {
              log.truncate(0);
              log.force(true);
              end = 0;
              position = 0;
              writePosition(0);
            }
            lock.wait(1000);
          }
          if (closed) {
            return;
          }
          from = position;
        }
        Entry entry;
        try {
          entry = readEntry(from);
        } catch (UndecodableEntryException e) {
          setAside(e, from);
          synchronized (lock) {
            position = e.next;
            writePosition(position);
          }
          continue;
        }
        if (refusedEntry == from && refusals >= maxRefusals) {
          moveAside(entry, from, refusals);
        } else {
          long at = from;
          Acknowledged.publishOnce(
              publisher,
              entry.records(),
              entry.authenticatedBy(),
              publishTimeout,
              () ->
                  LOG.warn(
                      "webhook spool: Kafka has not acknowledged the entry at offset {} within {} ms;"
                          + " still waiting for it (publishing it again could duplicate it)",
                      at,
                      publishTimeout.toMillis()));
        }
        synchronized (lock) {
          position = entry.next();
          writePosition(position);
        }
        backoffMs = 200;
        refusedEntry = -1;
        refusals = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (BackPressureException | IOException e) {
        if (closed) {
          return;
        }
        LOG.warn(
            "webhook spool: forwarding to Kafka failed, retrying in {} ms: {}",
            backoffMs,
            e.toString());
        if (!pause(backoffMs)) {
          return;
        }
        backoffMs = Math.min(backoffMs * 2, 30_000);
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        if (refusedEntry != from) {
          refusedEntry = from;
          refusals = 0;
        }
        refusals++;
        LOG.warn(
            "webhook spool: Kafka refused the entry at offset {} ({} of {} refusals before its refused records "
                + "are dead-lettered), retrying in {} ms: {}",
            from,
            refusals,
            maxRefusals,
            backoffMs,
            e.toString());
        if (!pause(backoffMs)) {
          return;
        }
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  }

  /** Sleeps; false when interrupted (the forwarder stops). */
  private static boolean pause(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Publishes the entry's records one by one and dead-letters each one Kafka still refuses; a
   * record whose dead letter Kafka refuses too is kept in the dead-letter directory. Throws (and
   * the entry stays where it is) when Kafka cannot take a record or a dead letter now, or the
   * directory cannot be written: nothing of the entry is dropped without a dead letter acknowledged
   * or a file fsync'd in its place.
   */
  private void moveAside(Entry entry, long from, int refusals)
      throws InterruptedException, IOException {
    List<String> refused = new ArrayList<>();
    List<String> deadLetterTopics = new ArrayList<>();
    List<PendingRecord<?>> kept = new ArrayList<>();
    List<String> keptBecause = new ArrayList<>();
    for (PendingRecord<?> record : entry.records()) {
      try {
        Acknowledged.publish(publisher, List.of(record), entry.authenticatedBy(), publishTimeout);
      } catch (BackPressureException e) {
        throw e;
      } catch (RuntimeException e) {
        String refusal = record.topic().name() + " " + record.key() + ": " + rootCause(e);
        try {
          Topic<DeadLetter> dlq = deadLetterTopic(record.topic());
          Acknowledged.publish(
              publisher,
              List.of(new PendingRecord<>(dlq, deadLetter(record, e, refusals))),
              entry.authenticatedBy(),
              publishTimeout);
          deadLetterTopics.add(dlq.name());
          refused.add(refusal + " -> " + dlq.name());
        } catch (BackPressureException down) {
          throw down;
        } catch (RuntimeException deadLetterRefused) {
          kept.add(record);
          keptBecause.add(refusal + "; its dead letter: " + rootCause(deadLetterRefused));
        }
      }
    }
    if (!kept.isEmpty()) {
      keep(kept, entry.authenticatedBy(), from, refusals, keptBecause);
    }
    deadLetterTopics.forEach(topic -> metrics.deadLettered(topic, 1));
    metrics.rejected(COMPONENT, "refused_by_kafka", refused.size());
    LOG.warn(
        "webhook spool: the entry at offset {} was refused {} times; {} of its {} records dead-lettered ({}), "
            + "{} kept in {}, going on with the next entry",
        from,
        refusals,
        refused.size(),
        entry.records().size(),
        refused,
        kept.size(),
        deadLetterDir);
  }

  /**
   * Writes records Kafka refused, and whose dead letters it refused too, as one entry body to the
   * dead-letter directory, with the refusals in a sidecar {@code .error} file.
   */
  private void keep(
      List<PendingRecord<?>> records,
      AuthenticatedBy authenticatedBy,
      long from,
      int refusals,
      List<String> because)
      throws IOException {
    String name = from + "-" + System.currentTimeMillis();
    Path file = deadLetterDir.resolve(name + ".entry");
    writeDurably(file, encode(records, authenticatedBy));
    writeDurably(
        deadLetterDir.resolve(name + ".error"),
        ("refused "
                + refusals
                + " times, then one record at a time, and each dead letter refused as well:\n"
                + String.join("\n", because)
                + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    metrics.rejected(COMPONENT, "kept_in_dead_letter_dir", records.size());
    LOG.error(
        "webhook spool: Kafka refused {} records of the entry at offset {} and their dead letters; they are "
            + "kept in {} (reasons in {}.error): {}",
        records.size(),
        from,
        file,
        name,
        because);
  }

  /**
   * The dead-letter topic of a record's topic; a dead letter refused itself goes to its own
   * dead-letter topic.
   */
  @SuppressWarnings("unchecked")
  private static Topic<DeadLetter> deadLetterTopic(Topic<?> topic) {
    return Topics.deadLetterTopic(topic)
        .orElseGet(
            () -> {
              if (topic.valueType() == DeadLetter.class) {
                return (Topic<DeadLetter>) topic;
              }
              throw new IllegalStateException(
                  "topic " + topic.name() + " has no dead-letter topic");
            });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private DeadLetter deadLetter(PendingRecord<?> record, RuntimeException refusal, int refusals) {
    byte[] value;
    try {
      value =
          ((BinaryMessageEncoder) codec(record.topic(), "getEncoder"))
              .encode(record.value())
              .array();
    } catch (IOException e) {
      throw new IllegalStateException("a decoded spool record always encodes again", e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("target-topic", record.topic().name());
    headers.put("refusals", String.valueOf(refusals));
    byte[] payload = deadLetterCap.fit(value, headers);
    Throwable cause = rootCause(refusal);
    String message = String.valueOf(cause.getMessage());
    return DeadLetter.newBuilder()
        .setDeadLetterId(
            COMPONENT
                + ":"
                + Hashes.sha256Hex(
                        record.topic().name()
                            + "\u0000"
                            + record.key()
                            + "\u0000"
                            + Hashes.sha256Hex(value))
                    .substring(0, 32))
        .setFailedAt(Instant.now())
        .setStage(PipelineStage.INGEST)
        .setComponent(COMPONENT)
        .setKey(record.key())
        .setContentType(
            "application/avro; encoding=single-object; type="
                + record.topic().valueType().getName())
        .setPayload(ByteBuffer.wrap(payload))
        .setErrorClass(cause.getClass().getName())
        .setErrorMessage(
            message.length() > MAX_ERROR_MESSAGE
                ? message.substring(0, MAX_ERROR_MESSAGE)
                : message)
        .setHeaders(headers)
        .build();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private record Entry(
      List<PendingRecord<?>> records, AuthenticatedBy authenticatedBy, long next) {}

  private record Delivery(List<PendingRecord<?>> records, AuthenticatedBy authenticatedBy) {}

  /**
   * An entry read whole whose body does not decode; {@link #next} is where the next entry starts.
   */
  private static final class UndecodableEntryException extends Exception {
    final byte[] body;
    final long next;

    UndecodableEntryException(byte[] body, long next, Exception cause) {
      super(cause.toString(), cause);
      this.body = body;
      this.next = next;
    }
  }

  private Entry readEntry(long from) throws IOException, UndecodableEntryException {
    ByteBuffer header = ByteBuffer.allocate(4);
    readFully(header, from);
    int length = header.flip().getInt();
    ByteBuffer body = ByteBuffer.allocate(length);
    readFully(body, from + 4);
    long next = from + 4 + length + 8;
    Delivery delivery;
    try {
      delivery = decode(body.array());
    } catch (IOException | RuntimeException e) {
      throw new UndecodableEntryException(body.array(), next, e);
    }
    return new Entry(delivery.records(), delivery.authenticatedBy(), next);
  }

  /**
   * Keeps an undecodable entry's body in a file of its own (fsync'd) before the position moves past
   * it.
   */
  private void setAside(UndecodableEntryException e, long from) throws IOException {
    Path file = undecodableDir.resolve(from + "-" + System.currentTimeMillis() + ".entry");
    writeDurably(file, e.body);
    metrics.rejected(COMPONENT, "undecodable_spool_entry", 1);
    LOG.error(
        "webhook spool: the entry at offset {} does not decode ({}); its {} bytes are kept in {} and "
            + "forwarding goes on with the next entry",
        from,
        e.getMessage(),
        e.body.length,
        file);
  }

  /** Writes a new file in {@code file}'s directory (created when missing) and fsyncs it. */
  private static void writeDurably(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
  }

  private void readFully(ByteBuffer buffer, long at) throws IOException {
    long p = at;
    while (buffer.hasRemaining()) {
      int n = log.read(buffer, p);
      if (n < 0) {
        throw new IOException("unexpected end of spool at " + p);
      }
      p += n;
    }
  }

  /**
   * Scans from the forwarder's position and cuts off a torn last entry; returns the end of the last
   * good entry.
   */
  private long recover() throws IOException {
    long size = log.size();
    long p = Math.min(position, size);
    while (p < size) {
      if (size - p < 12) {
        break;
      }
      ByteBuffer header = ByteBuffer.allocate(4);
      readFully(header, p);
      int length = header.flip().getInt();
      if (length < 0 || length > MAX_ENTRY_BYTES || p + 4 + length + 8 > size) {
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(body, p + 4);
      ByteBuffer crcBytes = ByteBuffer.allocate(8);
      readFully(crcBytes, p + 4 + length);
      CRC32 crc = new CRC32();
      crc.update(body.array());
      if (crc.getValue() != crcBytes.flip().getLong()) {
        break;
      }
      p += 4 + length + 8;
    }
    if (p < size) {
      LOG.warn("webhook spool: cutting off {} bytes of a torn entry at offset {}", size - p, p);
      log.truncate(p);
      log.force(true);
    }
    if (p > position) {
      LOG.info("webhook spool: {} bytes of webhooks to forward from a previous run", p - position);
    }
    return p;
  }

  private long readPosition() throws IOException {
    if (positionFile.size() < 8) {
      return 0;
    }
    ByteBuffer b = ByteBuffer.allocate(8);
    positionFile.read(b, 0);
    return b.flip().getLong();
  }

  private void writePosition(long value) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8).putLong(0, value);
    positionFile.write(b, 0);
    positionFile.force(false);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static byte[] encode(
      List<? extends PendingRecord<?>> records, AuthenticatedBy authenticatedBy)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(NAMES_CREDENTIAL);
      out.writeUTF(authenticatedBy.present() ? authenticatedBy.value() : "");
      out.writeInt(records.size());
      for (PendingRecord<?> r : records) {
        out.writeUTF(r.topic().name());
        BinaryMessageEncoder encoder = (BinaryMessageEncoder) codec(r.topic(), "getEncoder");
        byte[] value = encoder.encode(r.value()).array();
        out.writeInt(value.length);
        out.write(value);
      }
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Delivery decode(byte[] body) throws IOException {
    List<PendingRecord<?>> records = new ArrayList<>();
    AuthenticatedBy authenticatedBy = AuthenticatedBy.NOBODY;
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body))) {
      int count = in.readInt();
      if (count == NAMES_CREDENTIAL) {
        String credential = in.readUTF();
        authenticatedBy =
            credential.isEmpty() ? AuthenticatedBy.NOBODY : new AuthenticatedBy(credential);
        count = in.readInt();
      }
      for (int i = 0; i < count; i++) {
        Topic topic =
            Topics.byName(in.readUTF())
                .orElseThrow(
                    () -> new IOException("spool entry names a topic the catalog does not know"));
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        BinaryMessageDecoder decoder = (BinaryMessageDecoder) codec(topic, "getDecoder");
        records.add(new PendingRecord(topic, (SpecificRecord) decoder.decode(value)));
      }
    }
    return new Delivery(records, authenticatedBy);
  }

  /** The generated class's static single-object encoder or decoder. */
  private static Object codec(Topic<?> topic, String method) {
    try {
      Method m = topic.valueType().getMethod(method);
      return m.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(topic.valueType() + " has no " + method + "()", e);
    }
  }

  /** Stops forwarding; what is not forwarded stays in the spool for the next start. */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      forwarder.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.close();
    positionFile.close();
  }
}
