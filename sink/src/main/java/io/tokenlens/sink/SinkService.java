package io.tokenlens.sink;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: poll, turn records into rows per partition, cut batches (max rows or max wait), record each
 * batch's boundaries in the offset metadata, insert it with its dedup token, send poison records to the
 * dead-letter topic, then commit the offset after the batch. Retriable ClickHouse failures pause consumption and
 * retry the same batch with exponential backoff. Single-threaded; {@link #stop()} may be called from any thread.
 */
public final class SinkService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkService.class);

  private final SinkConfig config;
  private final SinkMetrics metrics;
  private final OffsetCommitter committer;
  private final TopicSerdes serdes;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ClickHouseWriter writer;
  private final DeadLetterPublisher deadLetters;
  private final ErrorClassifier classifier = new ErrorClassifier();
  private final Map<String, TableMapping> mappings = new LinkedHashMap<>();
  private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new HashMap<>();
  private final Map<TopicPartition, PartitionBuffer> buffers = new LinkedHashMap<>();
  private final Set<TopicPartition> pausedForSize = new HashSet<>();
  private final RegistryWait registryWait;

  private volatile boolean running = true;
  private long retryAtNanos;
  private Duration backoff;
  private boolean pausedForRetry;

  public SinkService(SinkConfig config, SinkMetrics metrics) {
    this(config, metrics, OffsetCommitter.SYNC);
  }

  public SinkService(SinkConfig config, SinkMetrics metrics, OffsetCommitter committer) {
    this.config = config;
    this.metrics = metrics;
    this.committer = committer;
    this.backoff = config.retryInitialBackoff();
    this.registryWait = new RegistryWait(config.retryInitialBackoff(), config.retryMaxBackoff());
    this.retryAtNanos = System.nanoTime();
    this.serdes = new TopicSerdes(config.serdeProperties());
    for (Topic<?> topic : config.topics()) {
      String name = config.topicSettings().name(topic);
      mappings.put(name, SinkTables.forTopic(topic));
      deserializers.put(name, serdes.valueDeserializer(topic));
    }
    Map<String, Object> consumerConfig = new HashMap<>();
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.putAll(config.kafkaOverrides());
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerConfig = new HashMap<>(config.kafkaOverrides());
    producerConfig.keySet().removeIf(k -> k.startsWith("auto.offset") || k.startsWith("max.poll")
        || k.startsWith("isolation") || k.startsWith("fetch.") || k.startsWith("session.timeout")
        || k.startsWith("heartbeat") || k.startsWith("group."));
    producerConfig.put("bootstrap.servers", config.bootstrapServers());
    this.deadLetters = new DeadLetterPublisher(producerConfig, serdes, config.topicSettings());
    this.writer = new ClickHouseWriter(config);
  }

  /** Consumes until {@link #stop()}; offsets of batches not yet in ClickHouse are left uncommitted. */
  public void run() {
    consumer.subscribe(mappings.keySet(), new Rebalance());
    try {
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Asks {@link #run()} to return; safe from any thread. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  private void pollOnce() {
    long pollMs = Math.max(10, Math.min(config.batchMaxWait().toMillis() / 4, 200));
    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(pollMs));
    long now = System.nanoTime();
    Set<TopicPartition> rewound = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      if (rewound.contains(tp)) {
        continue; // read again from the record the registry failed on
      }
      try {
        buffer(tp, record, now);
      } catch (RuntimeException e) {
        if (!RegistryWait.isRegistryFailure(e)) {
          throw e;
        }
        registryWait.rewind(consumer, tp, record.offset(), e, now);
        rewound.add(tp);
      }
    }
    registryWait.resumeDue(consumer, now, tp -> pausedForRetry || pausedForSize.contains(tp));
    applyBackpressure();
    if (now - retryAtNanos >= 0) {
      flushDue();
    }
    updateGauges();
  }

  /** Buffers the record's row, or the record as poison; a failure of the schema registry is thrown instead. */
  private void buffer(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, long now) {
    PartitionBuffer buffer = buffers.get(tp);
    if (buffer == null) {
      return; // revoked between fetch and now: the new owner reads it
    }
    TableMapping mapping = buffer.mapping();
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    byte[] row = null;
    Exception failure = null;
    try {
      if (record.value() == null) {
        if (mapping.tombstones().isPresent()) {
          row = mapping.tombstones().get().row(key, record.timestamp(), record.partition(), record.offset());
        } else {
          metrics.skipped(mapping.table());
        }
      } else {
        SpecificRecord value = deserializers.get(record.topic()).deserialize(record.topic(), record.headers(),
            record.value());
        row = mapping.row(key, value, record.headers(), record.partition(), record.offset());
      }
      registryWait.answered();
    } catch (RuntimeException e) {
      if (RegistryWait.isRegistryFailure(e)) {
        throw e; // not the record's fault: it is read again, never dead-lettered
      }
      failure = e;
    }
    metrics.received(mapping.table(), 1);
    buffer.add(new BufferedRecord(record.offset(), now, row, record, failure));
  }

  private void flushDue() {
    long now = System.nanoTime();
    List<Batch> due = new ArrayList<>();
    for (Map.Entry<TopicPartition, PartitionBuffer> e : buffers.entrySet()) {
      long position = consumer.position(e.getKey());
      long lag = consumer.currentLag(e.getKey()).orElse(0);
      e.getValue().due(config.batchMaxRows(), config.batchMaxWait().toNanos(), config.batchCatchUpMaxWait().toNanos(),
          now, position, lag).ifPresent(due::add);
    }
    if (due.isEmpty()) {
      return;
    }
    // 1. Fix the boundaries before inserting: a replay after a crash rebuilds exactly these batches.
    Map<TopicPartition, OffsetAndMetadata> plans = new HashMap<>();
    for (Batch b : due) {
      plans.put(b.partition(), new OffsetAndMetadata(b.plan().firstOffset(), b.plan().toMetadata()));
    }
    if (!commit(plans)) {
      return;
    }
    // 2. Insert, dead-letter, then commit past each batch that ClickHouse acknowledged.
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    List<Batch> completed = new ArrayList<>();
    for (Batch b : due) {
      try {
        write(b);
        done.put(b.partition(), new OffsetAndMetadata(b.nextOffset(), ""));
        completed.add(b);
      } catch (RetriableInsertException e) {
        scheduleRetry(b, e.getCause());
        break;
      }
    }
    if (!done.isEmpty() && commit(done)) {
      for (Batch b : completed) {
        PartitionBuffer buffer = buffers.get(b.partition());
        if (buffer != null) {
          buffer.complete(b);
        }
      }
    }
    if (completed.size() == due.size()) {
      backoff = config.retryInitialBackoff();
      if (pausedForRetry) {
        pausedForRetry = false;
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(pausedForSize);
        resume.removeIf(registryWait::isPaused);
        consumer.resume(resume);
        log.info("ClickHouse accepts inserts again; consuming resumed");
      }
    }
  }

  private void write(Batch b) throws RetriableInsertException {
    String table = b.mapping().table();
    List<BufferedRecord> rows = b.insertable();
    Map<BufferedRecord, Exception> poison = new LinkedHashMap<>();
    for (BufferedRecord r : b.poison()) {
      poison.put(r, r.failure());
    }
    if (!rows.isEmpty()) {
      long start = System.nanoTime();
      try {
        writer.insert(table, Batch.body(rows), b.dedupToken());
        metrics.inserted(table, rows.size());
      } catch (Exception e) {
        if (classifier.classify(e) == ErrorClassifier.Verdict.RETRIABLE) {
          throw new RetriableInsertException(e);
        }
        log.warn("Batch {} rejected by ClickHouse (code {}): inserting its rows one by one to find the poison",
            b.dedupToken(), ErrorClassifier.code(e));
        insertRowByRow(b, rows, poison);
      } finally {
        metrics.flushed(table, System.nanoTime() - start);
      }
    } else {
      metrics.inserted(table, 0);
    }
    sendDeadLetters(b, poison);
  }

  private void insertRowByRow(Batch b, List<BufferedRecord> rows, Map<BufferedRecord, Exception> poison)
      throws RetriableInsertException {
    String table = b.mapping().table();
    long written = 0;
    for (BufferedRecord r : rows) {
      try {
        writer.insert(table, r.row(), b.dedupToken() + "/" + r.offset());
        written++;
      } catch (Exception e) {
        if (classifier.classify(e) == ErrorClassifier.Verdict.RETRIABLE) {
          throw new RetriableInsertException(e);
        }
        poison.put(r, e);
      }
    }
    metrics.inserted(table, written);
  }

  private void sendDeadLetters(Batch b, Map<BufferedRecord, Exception> poison) throws RetriableInsertException {
    if (poison.isEmpty()) {
      return;
    }
    TableMapping mapping = b.mapping();
    Optional<String> dlq = deadLetters.topicFor(mapping.topic());
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Map.Entry<BufferedRecord, Exception> e : poison.entrySet()) {
      ConsumerRecord<byte[], byte[]> raw = e.getKey().raw();
      log.warn("Poison record {}-{}@{}: {}", raw.topic(), raw.partition(), raw.offset(), e.getValue().toString());
      if (dlq.isPresent()) {
        sent.add(deadLetters.publish(dlq.get(), mapping, raw, e.getValue()));
      } else {
        log.error("Topic {} has no dead-letter topic: record {}-{}@{} is dropped", mapping.topic().name(),
            raw.topic(), raw.partition(), raw.offset());
      }
      metrics.deadLettered(mapping.table());
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (Exception e) {
      throw new RetriableInsertException(e);
    }
  }

  private void scheduleRetry(Batch b, Throwable cause) {
    metrics.retried(b.mapping().table());
    log.warn("Insert of batch {} failed (code {}: {}); retrying the same batch in {} ms", b.dedupToken(),
        ErrorClassifier.code(cause), cause.toString(), backoff.toMillis());
    retryAtNanos = System.nanoTime() + backoff.toNanos();
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(config.retryMaxBackoff()) > 0 ? config.retryMaxBackoff() : doubled;
    if (!pausedForRetry) {
      pausedForRetry = true;
      consumer.pause(consumer.assignment());
    }
  }

  private boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.keySet().retainAll(buffers.keySet());
    if (offsets.isEmpty()) {
      return false;
    }
    try {
      committer.commit(consumer, offsets);
      return true;
    } catch (KafkaException e) {
      if (e instanceof WakeupException) {
        throw e;
      }
      log.warn("Offset commit failed ({}); the batches are replayed with the same boundaries", e.toString());
      return false;
    }
  }

  private void applyBackpressure() {
    for (Map.Entry<TopicPartition, PartitionBuffer> e : buffers.entrySet()) {
      int size = e.getValue().size();
      TopicPartition tp = e.getKey();
      if (size >= 2L * config.batchMaxRows() && pausedForSize.add(tp)) {
        consumer.pause(List.of(tp));
      } else if (size < config.batchMaxRows() && pausedForSize.remove(tp) && !pausedForRetry
          && !registryWait.isPaused(tp)) {
        consumer.resume(List.of(tp));
      }
    }
  }

  private void updateGauges() {
    Map<String, long[]> byTable = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionBuffer> e : buffers.entrySet()) {
      long[] v = byTable.computeIfAbsent(e.getValue().mapping().table(), t -> new long[2]);
      OptionalLong lag = consumer.currentLag(e.getKey());
      v[0] += lag.orElse(0);
      v[1] += e.getValue().size();
    }
    byTable.forEach((table, v) -> {
      metrics.lag(table, v[0]);
      metrics.buffered(table, v[1]);
    });
  }

  @Override
  public void close() {
    writer.close();
    deadLetters.close();
    serdes.close();
  }

  /** Reacts to partition moves: buffers of revoked partitions are dropped (their new owner replays them). */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        buffers.remove(tp);
        pausedForSize.remove(tp);
      }
      registryWait.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = committed.get(tp);
        Optional<BatchPlan> plan = c == null ? Optional.empty()
            : BatchPlan.fromMetadata(c.metadata()).filter(p -> p.firstOffset() == c.offset());
        plan.ifPresent(p -> log.info("Partition {}: rebuilding the recorded batch {}-{}", tp, p.firstOffset(),
            p.lastOffset()));
        buffers.put(tp, new PartitionBuffer(tp, mappings.get(tp.topic()), plan));
      }
      if (pausedForRetry) {
        consumer.pause(partitions);
      }
    }
  }

  /** An insert failed in a way worth retrying unchanged. */
  private static final class RetriableInsertException extends Exception {
    private static final long serialVersionUID = 1L;

    RetriableInsertException(Throwable cause) {
      super(cause);
    }
  }
}
