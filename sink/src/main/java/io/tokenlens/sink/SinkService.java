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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: poll, turn records into RowBinary rows per partition, cut batches (max rows or max wait),
 * record each batch's boundaries in the offset metadata, hand it to its table's {@link Inserter}, and commit the
 * offset after the batch once the inserter reports it in ClickHouse. Decoding and encoding overlap with
 * inserting; at most one batch per partition is in flight. Retriable ClickHouse failures pause consumption and
 * retry the same batch with exponential backoff; a batch ClickHouse refuses for its content is narrowed down by
 * halves to the rows at fault ({@link PartitionBuffer}). Offsets are committed by this thread only;
 * {@link #stop()} may be called from any thread.
 */
public final class SinkService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkService.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final SinkConfig config;
  private final SinkMetrics metrics;
  private final OffsetCommitter committer;
  private final TopicSerdes serdes;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ClickHouseWriter writer;
  private final DeadLetterPublisher deadLetters;
  private final Map<String, TableMapping> mappings = new LinkedHashMap<>();
  private final Map<String, TableRows> rows = new HashMap<>();
  private final Map<String, Inserter> inserters = new HashMap<>();
  private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new HashMap<>();
  private final Map<TopicPartition, PartitionBuffer> buffers = new LinkedHashMap<>();
  private final Map<TopicPartition, InFlight> inFlight = new LinkedHashMap<>();
  private final Set<TopicPartition> pausedForSize = new HashSet<>();
  private final RegistryWait registryWait;

  private volatile boolean running = true;
  private long retryAtNanos;
  private Duration backoff;
  private boolean pausedForRetry;

  /** A batch handed to an inserter. */
  private record InFlight(Batch batch, Future<Inserter.Outcome> outcome) {}

  public SinkService(SinkConfig config, SinkMetrics metrics) {
    this(config, metrics, OffsetCommitter.SYNC);
  }

  public SinkService(SinkConfig config, SinkMetrics metrics, OffsetCommitter committer) {
    this.config = config;
    this.metrics = metrics;
    this.committer = committer;
    this.backoff = config.retryInitialBackoff();
    this.registryWait = new RegistryWait(config.retryInitialBackoff(), config.retryMaxBackoff(),
        config.unknownSchemaIdWait());
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
    try {
      bindTables();
      if (!running) {
        return;
      }
      consumer.subscribe(mappings.keySet(), new Rebalance());
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      try {
        awaitInFlight(inFlight.keySet(), true);
      } catch (RuntimeException e) {
        log.warn("Batches in flight at shutdown not committed ({}); they are replayed with the same boundaries",
            e.toString());
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Asks {@link #run()} to return; safe from any thread. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  /** Reads each table's columns (waiting for ClickHouse) and checks its dedup window. */
  private void bindTables() {
    DedupWindow window = new DedupWindow(writer);
    Duration wait = config.retryInitialBackoff();
    for (Map.Entry<String, TableMapping> e : mappings.entrySet()) {
      TableMapping mapping = e.getValue();
      while (running && !rows.containsKey(e.getKey())) {
        try {
          rows.put(e.getKey(), writer.rows(mapping));
          window.check(mapping.table(), consumer.partitionsFor(e.getKey()).size());
        } catch (IllegalArgumentException | IllegalStateException invalid) {
          throw invalid;
        } catch (RuntimeException unavailable) {
          log.warn("Cannot read the columns of {} ({}); retrying in {} ms", mapping.table(), unavailable.toString(),
              wait.toMillis());
          sleep(wait);
          wait = min(wait.multipliedBy(2), config.retryMaxBackoff());
        }
      }
      inserters.computeIfAbsent(mapping.table(), table -> new Inserter(table, 4_096, writer, deadLetters, metrics));
    }
  }

  private void pollOnce() {
    long pollMs = Math.max(5, Math.min(config.batchMaxWait().toMillis() / 4, inFlight.isEmpty() ? 200 : 20));
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
      } catch (RegistryWait.ReadAgain e) {
        registryWait.rewind(consumer, tp, record.offset(), e.getCause(), now);
        rewound.add(tp);
      }
    }
    registryWait.resumeDue(consumer, now, tp -> pausedForRetry || pausedForSize.contains(tp));
    completeFinished(false);
    applyBackpressure();
    if (now - retryAtNanos >= 0) {
      submitDue();
    }
    updateGauges();
  }

  /** Buffers the record's row, or the record as poison; what the registry is to be asked again is thrown instead. */
  private void buffer(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, long now) {
    PartitionBuffer buffer = buffers.get(tp);
    if (buffer == null) {
      return; // revoked between fetch and now: the new owner reads it
    }
    TableRows table = rows.get(record.topic());
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    byte[] row = null;
    Exception failure = null;
    try {
      if (record.value() == null) {
        row = table.tombstone(key, record.timestamp(), record.partition(), record.offset()).orElse(null);
        if (row == null) {
          metrics.skipped(buffer.mapping().table());
        }
      } else {
        SpecificRecord value = deserializers.get(record.topic()).deserialize(record.topic(), record.headers(),
            record.value());
        row = table.row(key, value, record.headers(), record.partition(), record.offset());
      }
      registryWait.answered();
    } catch (RuntimeException e) {
      if (registryWait.shouldWait(e, now)) {
        throw new RegistryWait.ReadAgain(e); // not (yet) the record's fault: it is read again later
      }
      failure = e;
    }
    metrics.received(buffer.mapping().table(), 1);
    buffer.add(new BufferedRecord(record.offset(), now, row, record, failure));
  }

  /** Cuts the due batches of partitions with nothing in flight, records their plans, hands them to inserters. */
  private void submitDue() {
    long now = System.nanoTime();
    List<Batch> due = new ArrayList<>();
    for (Map.Entry<TopicPartition, PartitionBuffer> e : buffers.entrySet()) {
      if (inFlight.containsKey(e.getKey())) {
        continue;
      }
      long position = consumer.position(e.getKey());
      long lag = consumer.currentLag(e.getKey()).orElse(0);
      e.getValue().due(config.batchMaxRows(), config.batchMaxWait().toNanos(), config.batchCatchUpMaxWait().toNanos(),
          now, position, lag).ifPresent(due::add);
    }
    if (due.isEmpty()) {
      return;
    }
    // Fix the boundaries before inserting: a replay after a crash rebuilds exactly these batches.
    Map<TopicPartition, OffsetAndMetadata> plans = new HashMap<>();
    for (Batch b : due) {
      plans.put(b.partition(), new OffsetAndMetadata(b.plan().firstOffset(), b.plan().toMetadata()));
    }
    if (!commit(plans)) {
      return;
    }
    for (Batch b : due) {
      inFlight.put(b.partition(), new InFlight(b, inserters.get(b.mapping().table()).submit(b)));
    }
  }

  /**
   * Takes the outcomes of finished batches (all of them, waiting, when {@code wait}): commits past the batches in
   * ClickHouse, schedules a retry, or narrows a rejected batch down.
   */
  private void completeFinished(boolean wait) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    List<Batch> completed = new ArrayList<>();
    Throwable retry = null;
    Batch retried = null;
    for (var it = inFlight.entrySet().iterator(); it.hasNext(); ) {
      InFlight f = it.next().getValue();
      if (!wait && !f.outcome().isDone()) {
        continue;
      }
      Inserter.Outcome outcome = outcome(f);
      it.remove();
      Batch b = f.batch();
      PartitionBuffer buffer = buffers.get(b.partition());
      if (outcome instanceof Inserter.Done) {
        done.put(b.partition(), new OffsetAndMetadata(b.nextOffset(), ""));
        completed.add(b);
      } else if (outcome instanceof Inserter.Rejected r) {
        log.warn("Batch {} ({} rows) rejected by ClickHouse (code {}): inserting it by halves to find the rows at "
            + "fault", b.dedupToken(), b.insertable().size(), ErrorClassifier.code(r.cause()));
        metrics.narrowed(b.mapping().table());
        if (buffer != null) {
          buffer.rejected(b);
        }
      } else if (outcome instanceof Inserter.Retry r) {
        retry = r.cause();
        retried = b;
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
    if (retried != null) {
      scheduleRetry(retried, retry);
    } else if (!completed.isEmpty() && inFlight.isEmpty()) {
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

  private static Inserter.Outcome outcome(InFlight f) {
    try {
      return f.outcome().get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Inserter.Retry(e);
    } catch (ExecutionException | TimeoutException e) {
      return new Inserter.Retry(e);
    }
  }

  /** Waits for the batches in flight of {@code partitions} and commits those in ClickHouse. */
  private void awaitInFlight(Collection<TopicPartition> partitions, boolean commitDone) {
    if (inFlight.isEmpty() || partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, InFlight> others = new LinkedHashMap<>(inFlight);
    others.keySet().removeAll(partitions);
    inFlight.keySet().retainAll(partitions);
    if (commitDone) {
      completeFinished(true);
    } else {
      inFlight.values().forEach(SinkService::outcome);
    }
    inFlight.clear();
    inFlight.putAll(others);
  }

  private void scheduleRetry(Batch b, Throwable cause) {
    metrics.retried(b.mapping().table());
    log.warn("Insert of batch {} failed (code {}: {}); retrying the same batch in {} ms", b.dedupToken(),
        ErrorClassifier.code(cause), cause.toString(), backoff.toMillis());
    retryAtNanos = System.nanoTime() + backoff.toNanos();
    backoff = min(backoff.multipliedBy(2), config.retryMaxBackoff());
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) > 0 ? b : a;
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    inserters.values().forEach(Inserter::close);
    writer.close();
    deadLetters.close();
    serdes.close();
  }

  /** Reacts to partition moves: batches in flight finish first, then the revoked partitions' buffers are dropped. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      awaitInFlight(partitions, true);
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      awaitInFlight(partitions, false); // no longer ours: the new owner replays them with the same tokens
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        buffers.remove(tp);
        pausedForSize.remove(tp);
      }
      registryWait.revoked(partitions);
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
}
