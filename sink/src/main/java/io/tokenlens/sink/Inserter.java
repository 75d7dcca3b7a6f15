package io.tokenlens.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts the batches of one table on a thread of its own, so the consumer keeps polling, decoding
 * and encoding while ClickHouse takes the previous insert. Each insert ({@link GroupBatch}) carries
 * one or several partitions' batches under one dedup token. A partition is in at most one insert in
 * flight (the consumer loop holds the next one back), so the queue is bounded by the table's
 * partitions; the consumer pauses partitions whose buffers fill. Each insert's outcome comes back
 * to the consumer thread, which alone commits offsets.
 */
final class Inserter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Inserter.class);

  /** What became of one insert. */
  sealed interface Outcome {}

  /** In ClickHouse (or recognised as a duplicate), and its poison records dead-lettered. */
  record Done() implements Outcome {}

  /** Failed in a way worth retrying unchanged. */
  record Retry(Throwable cause) implements Outcome {}

  /**
   * ClickHouse refused the insert for its content: the consumer narrows it down to the rows at
   * fault.
   */
  record Rejected(Exception cause) implements Outcome {}

  private final String table;
  private final ClickHouseWriter writer;
  private final DeadLetterPublisher deadLetters;
  private final SinkMetrics metrics;
  private final StartTimeline timeline;
  private final ErrorClassifier classifier = new ErrorClassifier();
  private final ThreadPoolExecutor executor;

  Inserter(
      String table,
      int maxQueued,
      ClickHouseWriter writer,
      DeadLetterPublisher deadLetters,
      SinkMetrics metrics,
      StartTimeline timeline) {
    this.table = table;
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.timeline = timeline;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(Math.max(1, maxQueued)),
            r -> {
              Thread t = new Thread(r, "sink-insert-" + table);
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues {@code batch}; the future completes with its outcome, never exceptionally. */
  Future<Outcome> submit(GroupBatch batch) {
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            result.complete(write(batch));
          } catch (Throwable t) {
            result.complete(new Retry(t));
          }
        });
    return result;
  }

  private Outcome write(GroupBatch b) {
    List<BufferedRecord> rows = b.insertable();
    Map<BufferedRecord, Exception> poison = new LinkedHashMap<>();
    for (BufferedRecord r : b.poison()) {
      poison.put(r, r.failure());
    }
    if (!rows.isEmpty()) {
      long start = System.nanoTime();
      timeline.firstInsert(rows.size(), start);
      try {
        writer.insert(table, Batch.body(rows), b.dedupToken());
        long end = System.nanoTime();
        timeline.mark(StartTimeline.Step.FIRST_INSERT_DONE, end);
        timeline.inserted(start, end, rows.size());
      } catch (Exception e) {
        if (classifier.classify(e) == ErrorClassifier.Verdict.RETRIABLE) {
          return new Retry(e);
        }
        if (rows.size() > 1) {
          return new Rejected(e);
        }
        BufferedRecord row = rows.get(0);
        log.warn(
            "Row {}-{}@{} rejected by ClickHouse (code {})",
            b.topic(),
            row.raw() == null ? "?" : row.raw().partition(),
            row.offset(),
            ErrorClassifier.code(e));
        poison.put(rows.get(0), e);
        rows = List.of();
      } finally {
        metrics.flushed(table, System.nanoTime() - start);
      }
    }
    try {
      sendDeadLetters(b, poison);
    } catch (Exception e) {
      return new Retry(e);
    }
    metrics.inserted(table, rows.size());
    return new Done();
  }

  private void sendDeadLetters(GroupBatch b, Map<BufferedRecord, Exception> poison)
      throws Exception {
    if (poison.isEmpty()) {
      return;
    }
    TableMapping mapping = b.mapping();
    Optional<String> dlq = deadLetters.topicFor(mapping.topic());
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Map.Entry<BufferedRecord, Exception> e : poison.entrySet()) {
      ConsumerRecord<byte[], byte[]> raw = e.getKey().raw();
      log.warn(
          "Poison record {}-{}@{}: {}",
          raw.topic(),
          raw.partition(),
          raw.offset(),
          e.getValue().toString());
      if (dlq.isPresent()) {
        sent.add(deadLetters.publish(dlq.get(), mapping, raw, e.getValue()));
      } else {
        log.error(
            "Topic {} has no dead-letter topic: record {}-{}@{} is dropped",
            mapping.topic().name(),
            raw.topic(),
            raw.partition(),
            raw.offset());
      }
    }
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
    poison.keySet().forEach(r -> metrics.deadLettered(mapping.table()));
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
