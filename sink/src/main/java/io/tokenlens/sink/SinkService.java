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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: join the group while the tables are bound ({@link TableBinding}), poll, turn
 * records into RowBinary rows per partition, cut one insert per table from the partitions' buffers
 * (max rows or max wait, {@link GroupCutter}), record its composition in the offset metadata of
 * every partition in it ({@link GroupPlan}), hand it to its table's {@link Inserter}, and commit
 * past every partition's batch once the inserter reports the insert in ClickHouse. Decoding and
 * encoding overlap with inserting; a partition is in at most one insert in flight, and a table has
 * at most one insert cut from its buffers in flight. Recorded plans are rebuilt whole ({@link
 * GroupRecovery}). Retriable ClickHouse failures pause consumption and retry the same inserts with
 * exponential backoff; an insert ClickHouse refuses for its content is narrowed down by halves to
 * the rows at fault, partition by partition ({@link PartitionBuffer}). Offsets are committed by
 * this thread only; {@link #stop()} may be called from any thread.
 */
public final class SinkService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkService.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RANGE_READ_TIMEOUT = Duration.ofSeconds(30);

  private final SinkConfig config;
  private final SinkMetrics metrics;
  private final OffsetCommitter committer;
  private final TopicSerdes serdes;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ClickHouseWriter writer;
  private final DeadLetterPublisher deadLetters;
  private final Map<String, TableMapping> mappings = new LinkedHashMap<>();

  /** Per topic: its values' rows, decoded from the Avro binary straight into RowBinary. */
  private final Map<String, WireRows> rows = new HashMap<>();

  private final Map<String, Inserter> inserters = new HashMap<>();
  private final Map<TopicPartition, PartitionBuffer> buffers = new LinkedHashMap<>();
  private final List<InFlight> inFlight = new ArrayList<>();

  /** Inserts cut, whose plans may be recorded, waiting for their (next) attempt. */
  private final List<GroupBatch> waiting = new ArrayList<>();

  /** Per table: where its inserts are cut, the first few smaller. */
  private final Map<String, GroupCutter> cutters = new HashMap<>();

  private final RangeReader rangeReader;
  private final Set<TopicPartition> pausedForSize = new HashSet<>();
  private final RegistryWait registryWait;

  private volatile boolean running = true;

  /** Binding the tables while the consumer joins its group; null before {@link #run()}. */
  private volatile TableBinding binding;

  /**
   * Records fetched before the tables were bound, decoded once they are; their partitions paused
   * meanwhile.
   */
  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> fetchedBeforeBinding =
      new HashMap<>();

  private long fetchedBeforeBindingNanos;

  /** When the steps of this sink's start happened. */
  private final StartTimeline timeline = new StartTimeline();

  private long retryAtNanos;
  private Duration backoff;
  private boolean pausedForRetry;

  /** An insert handed to an inserter. */
  private record InFlight(GroupBatch batch, Future<Inserter.Outcome> outcome) {}

  public SinkService(SinkConfig config, SinkMetrics metrics) {
    this(config, metrics, OffsetCommitter.SYNC);
  }

  public SinkService(SinkConfig config, SinkMetrics metrics, OffsetCommitter committer) {
    this.config = config;
    this.metrics = metrics;
    this.committer = committer;
    this.backoff = config.retryInitialBackoff();
    this.registryWait =
        new RegistryWait(
            config.retryInitialBackoff(), config.retryMaxBackoff(), config.unknownSchemaIdWait());
    this.retryAtNanos = System.nanoTime();
    this.serdes = new TopicSerdes(config.serdeProperties());
    for (Topic<?> topic : config.topics()) {
      String name = config.topicSettings().name(topic);
      mappings.put(name, SinkTables.forTopic(topic));
    }
    Map<String, Object> consumerConfig = new HashMap<>();
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.putAll(config.kafka().consumer());
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.rangeReader = new RangeReader(consumerConfig);
    Map<String, Object> producerConfig = new HashMap<>(config.kafka().producer());
    producerConfig.put("bootstrap.servers", config.bootstrapServers());
    this.deadLetters = new DeadLetterPublisher(producerConfig, serdes, config.topicSettings());
    this.writer = new ClickHouseWriter(config);
    for (TableMapping mapping : mappings.values()) {
      inserters.computeIfAbsent(
          mapping.table(),
          table -> new Inserter(table, 4_096, writer, deadLetters, metrics, timeline));
      cutters.computeIfAbsent(
          mapping.table(),
          table ->
              GroupCutter.rampingUp(
                  config.batchMaxRows(),
                  config.batchMaxWait().toNanos(),
                  config.batchCatchUpMaxWait().toNanos(),
                  config.insertMaxPartitions()));
    }
  }

  /**
   * Consumes until {@link #stop()}; offsets of batches not yet in ClickHouse are left uncommitted.
   */
  public void run() {
    timeline.mark(StartTimeline.Step.STARTED, System.nanoTime());
    try {
      Map<String, Integer> partitions = new HashMap<>();
      for (String topic : mappings.keySet()) {
        partitions.put(topic, consumer.partitionsFor(topic).size());
      }
      binding =
          new TableBinding(
              mappings,
              partitions,
              writer,
              serdes.client(),
              config.retryInitialBackoff(),
              config.retryMaxBackoff());
      if (!running) {
        return;
      }
      consumer.subscribe(mappings.keySet(), new Rebalance());
      timeline.mark(StartTimeline.Step.SUBSCRIBED, System.nanoTime());
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      if (binding != null) {
        binding.close();
      }
      try {
        awaitInFlight(new HashSet<>(buffers.keySet()), true);
      } catch (RuntimeException e) {
        log.warn(
            "Batches in flight at shutdown not committed ({}); they are replayed with the same boundaries",
            e.toString());
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Asks {@link #run()} to return; safe from any thread. */
  public void stop() {
    running = false;
    TableBinding b = binding;
    if (b != null) {
      b.close();
    }
    consumer.wakeup();
  }

  /** When this sink first fetched records ({@link System#nanoTime()}), empty before. */
  public OptionalLong firstFetchNanos() {
    return timeline.at(StartTimeline.Step.FIRST_FETCH);
  }

  /** When the steps of this sink's start happened, so far. */
  public StartTimeline startTimeline() {
    return timeline;
  }

  private void pollOnce() {
    boolean bound = tablesBound();
    long pollMs =
        !bound
            ? 10
            : Math.max(
                5, Math.min(config.batchMaxWait().toMillis() / 4, inFlight.isEmpty() ? 200 : 20));
    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(pollMs));
    long now = System.nanoTime();
    if (!records.isEmpty()) {
      timeline.mark(StartTimeline.Step.FIRST_FETCH, now);
    }
    if (!bound) {
      holdUntilBound(records, now);
      return;
    }
    for (TopicPartition tp : records.partitions()) {
      buffer(tp, records.records(tp), now);
    }
    registryWait.resumeDue(consumer, now, tp -> pausedForRetry || pausedForSize.contains(tp));
    completeFinished(false);
    applyBackpressure();
    if (now - retryAtNanos >= 0) {
      submitDue();
    }
    updateGauges();
  }

  /**
   * Whether every table is bound; on the first call that finds them bound, the records fetched
   * meanwhile are buffered and their partitions resumed. Throws when binding failed.
   */
  private boolean tablesBound() {
    if (!rows.isEmpty()) {
      return true;
    }
    if (!running) {
      return false; // stopping: a binding cut short is no failure
    }
    Optional<Map<String, WireRows>> bound = binding.rows();
    if (bound.isEmpty()) {
      return false;
    }
    rows.putAll(bound.get());
    timeline.mark(StartTimeline.Step.BOUND, System.nanoTime());
    if (!fetchedBeforeBinding.isEmpty()) {
      Set<TopicPartition> held = new HashSet<>(fetchedBeforeBinding.keySet());
      fetchedBeforeBinding.forEach((tp, records) -> buffer(tp, records, fetchedBeforeBindingNanos));
      fetchedBeforeBinding.clear();
      held.retainAll(consumer.assignment());
      held.removeIf(
          tp -> pausedForRetry || pausedForSize.contains(tp) || registryWait.isPaused(tp));
      consumer.resume(held);
    }
    return true;
  }

  /**
   * Keeps the records fetched before the tables are bound and pauses their partitions (nothing more
   * is fetched for them until the tables are bound; the partitions without records keep fetching).
   */
  private void holdUntilBound(ConsumerRecords<byte[], byte[]> records, long now) {
    if (records.isEmpty()) {
      return;
    }
    if (fetchedBeforeBinding.isEmpty()) {
      fetchedBeforeBindingNanos = now;
    }
    for (TopicPartition tp : records.partitions()) {
      fetchedBeforeBinding.computeIfAbsent(tp, p -> new ArrayList<>()).addAll(records.records(tp));
    }
    consumer.pause(records.partitions());
  }

  /**
   * Buffers the rows of a partition's records, or the records as poison; on a record the registry
   * is to be asked again for, the partition is rewound to it and the rest of its records are left
   * for the next read.
   */
  private void buffer(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records, long now) {
    PartitionBuffer buffer = buffers.get(tp);
    if (buffer == null) {
      return; // revoked between fetch and now: the new owner reads it
    }
    WireRows wire = rows.get(tp.topic());
    int received = 0;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        buffer.add(decode(wire, record, now));
        received++;
      } catch (RegistryWait.ReadAgain e) {
        registryWait.rewind(consumer, tp, record.offset(), e.getCause(), now);
        break; // read again from the record the registry failed on
      }
    }
    metrics.received(buffer.mapping().table(), received);
  }

  /**
   * The record's row, or the record as poison; what the registry is to be asked again is thrown
   * instead.
   */
  private BufferedRecord decode(WireRows wire, ConsumerRecord<byte[], byte[]> record, long now) {
    TableRows table = wire.table();
    // the key fills a column only of a keyed table or a tombstone
    boolean keyUsed = record.value() == null || table.mapping().keyed();
    String key =
        record.key() == null || !keyUsed ? null : new String(record.key(), StandardCharsets.UTF_8);
    byte[] row = null;
    Exception failure = null;
    try {
      if (record.value() == null) {
        row =
            table
                .tombstone(key, record.timestamp(), record.partition(), record.offset())
                .orElse(null);
        if (row == null) {
          metrics.skipped(table.mapping().table());
        }
      } else {
        row =
            wire.row(
                record.topic(),
                key,
                record.value(),
                record.headers(),
                record.partition(),
                record.offset());
      }
      registryWait.answered();
    } catch (RuntimeException e) {
      if (registryWait.shouldWait(e, now)) {
        throw new RegistryWait.ReadAgain(e); // not (yet) the record's fault: it is read again later
      }
      failure = e;
    }
    return new BufferedRecord(record.offset(), now, row, record, failure);
  }

  /**
   * Cuts the inserts due now — recorded plans whose ranges are fetched, halves of rejected ranges,
   * one insert per table from its buffers — records their plans, and hands them with the inserts
   * waiting for a retry to the inserters.
   */
  private void submitDue() {
    long now = System.nanoTime();
    List<GroupBatch> due = new ArrayList<>(waiting);
    waiting.clear();
    due.addAll(recordedDue());
    for (PartitionBuffer buffer : buffers.values()) {
      buffer.cutHalf().ifPresent(b -> due.add(GroupBatch.single(b, GroupBatch.Origin.NARROWING)));
    }
    Set<String> tablesBusy = new HashSet<>();
    inFlight.stream()
        .map(InFlight::batch)
        .filter(g -> g.origin() == GroupBatch.Origin.BUFFERED)
        .forEach(g -> tablesBusy.add(g.mapping().table()));
    due.stream()
        .filter(g -> g.origin() == GroupBatch.Origin.BUFFERED)
        .forEach(g -> tablesBusy.add(g.mapping().table()));
    for (TableMapping mapping : mappings.values()) {
      if (!tablesBusy.contains(mapping.table())) {
        cutFromBuffers(mapping, now).ifPresent(due::add);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    // Fix the composition before inserting: a replay after a crash or a rebalance rebuilds exactly
    // these inserts.
    // Every member gets the same metadata in one commit request, which the group coordinator writes
    // as one batch.
    Map<TopicPartition, OffsetAndMetadata> plans = new HashMap<>();
    for (GroupBatch g : due) {
      String metadata = g.plan().toMetadata();
      for (Batch b : g.heldMembers()) {
        plans.put(b.partition(), new OffsetAndMetadata(b.plan().firstOffset(), metadata));
      }
    }
    if (!commit(plans)) {
      waiting.addAll(due); // the same inserts again: their plans may be recorded
      return;
    }
    for (GroupBatch g : due) {
      inFlight.add(new InFlight(g, inserters.get(g.mapping().table()).submit(g)));
    }
  }

  /** The insert of {@code mapping}'s table cut from its buffers, if one is due. */
  private Optional<GroupBatch> cutFromBuffers(TableMapping mapping, long now) {
    Map<TopicPartition, PartitionBuffer> cuttable = new HashMap<>();
    List<GroupCutter.Candidate> candidates = new ArrayList<>();
    for (Map.Entry<TopicPartition, PartitionBuffer> e : buffers.entrySet()) {
      PartitionBuffer buffer = e.getValue();
      if (buffer.mapping() == mapping && buffer.cuttable()) {
        cuttable.put(e.getKey(), buffer);
        candidates.add(
            new GroupCutter.Candidate(
                e.getKey(),
                buffer.size(),
                buffer.oldestReceivedNanos(),
                consumer.currentLag(e.getKey()).orElse(0)));
      }
    }
    List<GroupCutter.Take> takes = cutters.get(mapping.table()).due(candidates, now);
    if (takes.isEmpty()) {
      return Optional.empty();
    }
    List<Batch> batches =
        takes.stream().map(t -> cuttable.get(t.partition()).cut(t.rows())).toList();
    return Optional.of(GroupBatch.of(mapping, batches, GroupBatch.Origin.BUFFERED));
  }

  /**
   * The recorded plans ready to insert again: every held member's range fetched, the foreign
   * members' ranges read from Kafka. A plan whose foreign ranges cannot be read now is tried again
   * after the retry backoff.
   */
  private List<GroupBatch> recordedDue() {
    Map<String, Map<Integer, GroupPlan>> byTopic = new LinkedHashMap<>();
    for (Map.Entry<TopicPartition, PartitionBuffer> e : buffers.entrySet()) {
      PartitionBuffer buffer = e.getValue();
      if (!buffer.busy() && buffer.recorded().isPresent()) {
        byTopic
            .computeIfAbsent(e.getKey().topic(), t -> new HashMap<>())
            .put(e.getKey().partition(), buffer.recorded().get());
      }
    }
    List<GroupBatch> ready = new ArrayList<>();
    for (Map.Entry<String, Map<Integer, GroupPlan>> topic : byTopic.entrySet()) {
      for (GroupRecovery recovery : GroupRecovery.of(topic.getValue())) {
        rebuild(topic.getKey(), recovery).ifPresent(ready::add);
      }
    }
    return ready;
  }

  private Optional<GroupBatch> rebuild(String topic, GroupRecovery recovery) {
    Map<Integer, Long> positions = new HashMap<>();
    for (int p : recovery.held()) {
      TopicPartition tp = new TopicPartition(topic, p);
      long position = consumer.position(tp);
      if (!buffers.get(tp).recordedRangeFetched(position)) {
        return Optional.empty(); // the whole recorded range has not been fetched yet
      }
      positions.put(p, position);
    }
    TableMapping mapping = mappings.get(topic);
    Map<Integer, Batch> members = new HashMap<>();
    long now = System.nanoTime();
    try {
      for (int p : recovery.foreign()) {
        TopicPartition tp = new TopicPartition(topic, p);
        BatchPlan range = recovery.plan().rangeOf(p).orElseThrow();
        List<BufferedRecord> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : rangeReader.read(tp, range, RANGE_READ_TIMEOUT)) {
          records.add(decode(rows.get(topic), r, now));
        }
        members.put(p, new Batch(tp, mapping, range, records));
      }
    } catch (RegistryWait.ReadAgain | KafkaException e) {
      log.warn(
          "Cannot read the ranges of {} held by other instances for the recorded insert {} ({}); trying again "
              + "in {} ms",
          topic,
          recovery.plan().toMetadata(),
          e.toString(),
          backoff.toMillis());
      retryAtNanos = now + backoff.toNanos();
      backoff = min(backoff.multipliedBy(2), config.retryMaxBackoff());
      return Optional.empty();
    }
    Set<TopicPartition> held = new HashSet<>();
    for (int p : recovery.held()) {
      TopicPartition tp = new TopicPartition(topic, p);
      members.put(p, buffers.get(tp).cutRecorded(positions.get(p)));
      held.add(tp);
    }
    List<Batch> ordered = recovery.plan().partitions().stream().map(members::get).toList();
    log.info(
        "Rebuilding the recorded insert {} of {}: partitions {} from this instance's buffers{}",
        recovery.plan().toMetadata(),
        topic,
        recovery.held(),
        recovery.whole() ? "" : ", partitions " + recovery.foreign() + " read again from Kafka");
    return Optional.of(
        new GroupBatch(mapping, recovery.plan(), ordered, held, GroupBatch.Origin.RECORDED));
  }

  /**
   * Takes the outcomes of finished inserts (all of them, waiting, when {@code wait}): commits past
   * the held members of inserts in ClickHouse, schedules a retry, or narrows a rejected insert
   * down.
   */
  private void completeFinished(boolean wait) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    List<GroupBatch> completed = new ArrayList<>();
    Throwable retry = null;
    GroupBatch retried = null;
    for (var it = inFlight.iterator(); it.hasNext(); ) {
      InFlight f = it.next();
      if (!wait && !f.outcome().isDone()) {
        continue;
      }
      Inserter.Outcome outcome = outcome(f);
      it.remove();
      GroupBatch g = f.batch();
      if (outcome instanceof Inserter.Done) {
        for (Batch b : g.heldMembers()) {
          done.put(b.partition(), new OffsetAndMetadata(b.nextOffset(), ""));
        }
        completed.add(g);
      } else if (outcome instanceof Inserter.Rejected r) {
        log.warn(
            "Insert {} ({} rows) rejected by ClickHouse (code {}): inserting its partitions' ranges by halves "
                + "to find the rows at fault",
            g.dedupToken(),
            g.insertable().size(),
            ErrorClassifier.code(r.cause()));
        metrics.narrowed(g.mapping().table());
        for (Batch b : g.heldMembers()) {
          PartitionBuffer buffer = buffers.get(b.partition());
          if (buffer != null) {
            buffer.rejected(b);
          }
        }
      } else if (outcome instanceof Inserter.Retry r) {
        retry = r.cause();
        retried = g;
        waiting.add(g);
      }
    }
    if (!done.isEmpty() && commit(done)) {
      for (GroupBatch g : completed) {
        for (Batch b : g.heldMembers()) {
          PartitionBuffer buffer = buffers.get(b.partition());
          if (buffer != null) {
            buffer.complete(b);
          }
        }
      }
    } else if (!done.isEmpty()) {
      waiting.addAll(
          completed); // inserted again under the same token (dropped as a duplicate), then
      // committed
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

  /**
   * Waits for the inserts in flight touching {@code partitions} and commits those in ClickHouse.
   */
  private void awaitInFlight(Collection<TopicPartition> partitions, boolean commitDone) {
    List<InFlight> others = new ArrayList<>();
    List<InFlight> touching = new ArrayList<>();
    for (InFlight f : inFlight) {
      (partitions.stream().anyMatch(f.batch()::touches) ? touching : others).add(f);
    }
    if (touching.isEmpty()) {
      return;
    }
    inFlight.clear();
    inFlight.addAll(touching);
    if (commitDone) {
      completeFinished(true);
    } else {
      for (InFlight f : inFlight) {
        outcome(f); // landed or not, uncommitted: rebuilt from the committed offsets
        waiting.add(f.batch());
      }
    }
    inFlight.clear();
    inFlight.addAll(others);
  }

  /**
   * Forgets the inserts cut but not completed that touch {@code revoked}, and rebuilds the buffers
   * of their other held members from their committed offsets: what the new owner of a revoked
   * partition replays, this instance must replay the same way ({@link GroupRecovery}).
   */
  private void forgetCutsTouching(Collection<TopicPartition> revoked) {
    Set<TopicPartition> reload = new HashSet<>();
    for (var it = waiting.iterator(); it.hasNext(); ) {
      GroupBatch g = it.next();
      if (revoked.stream().anyMatch(g::touches)) {
        it.remove();
        g.held().stream()
            .filter(tp -> !revoked.contains(tp) && buffers.containsKey(tp))
            .forEach(reload::add);
      }
    }
    if (reload.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(reload);
    for (TopicPartition tp : reload) {
      OffsetAndMetadata c = committed.get(tp);
      Optional<GroupPlan> plan = recordedPlan(tp, c);
      buffers.put(tp, new PartitionBuffer(tp, mappings.get(tp.topic()), plan));
      if (c != null) {
        consumer.seek(tp, c.offset());
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
      pausedForSize.remove(tp);
      log.info(
          "Partition {}: an insert it was in lost other partitions to a rebalance; reading it again from its "
              + "committed offset{}",
          tp,
          plan.map(p -> " with the recorded plan " + p.toMetadata()).orElse(""));
    }
  }

  /** The plan recorded in a committed offset, when it names the partition and starts there. */
  private static Optional<GroupPlan> recordedPlan(TopicPartition tp, OffsetAndMetadata committed) {
    if (committed == null) {
      return Optional.empty();
    }
    return GroupPlan.fromMetadata(tp.partition(), committed.metadata())
        .filter(p -> p.rangeOf(tp.partition()).orElseThrow().firstOffset() == committed.offset());
  }

  private void scheduleRetry(GroupBatch b, Throwable cause) {
    metrics.retried(b.mapping().table());
    log.warn(
        "Insert {} failed (code {}: {}); retrying the same insert in {} ms",
        b.dedupToken(),
        ErrorClassifier.code(cause),
        cause.toString(),
        backoff.toMillis());
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
      log.warn(
          "Offset commit failed ({}); the batches are replayed with the same boundaries",
          e.toString());
      return false;
    }
  }

  private void applyBackpressure() {
    for (Map.Entry<TopicPartition, PartitionBuffer> e : buffers.entrySet()) {
      int size = e.getValue().size();
      TopicPartition tp = e.getKey();
      // a recorded range is fetched whole, whatever the current limits: it is rebuilt only then
      boolean fetchingRecorded = e.getValue().recorded().isPresent() && !e.getValue().busy();
      if (size >= 2L * config.batchMaxRows() && !fetchingRecorded && pausedForSize.add(tp)) {
        consumer.pause(List.of(tp));
      } else if ((size < config.batchMaxRows() || fetchingRecorded)
          && pausedForSize.remove(tp)
          && !pausedForRetry
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
    byTable.forEach(
        (table, v) -> {
          metrics.lag(table, v[0]);
          metrics.buffered(table, v[1]);
        });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) > 0 ? b : a;
  }

  @Override
  public void close() {
    inserters.values().forEach(Inserter::close);
    rangeReader.close();
    writer.close();
    deadLetters.close();
    serdes.close();
  }

  /**
   * Reacts to partition moves: inserts in flight touching the revoked partitions finish first
   * (those in ClickHouse are committed), then the revoked partitions' buffers are dropped, and the
   * partitions of unfinished inserts this instance keeps are read again from their committed
   * offsets. An insert still running after the drain timeout is abandoned: it carries its plan's
   * token and rows, like every rebuild of the plan by any instance, so whether it lands before,
   * after or never, the rows land once.
   */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      awaitInFlight(partitions, true);
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      awaitInFlight(
          partitions, false); // no longer ours: the new owner replays them with the same tokens
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      forgetCutsTouching(partitions);
      for (TopicPartition tp : partitions) {
        buffers.remove(tp);
        pausedForSize.remove(tp);
        fetchedBeforeBinding.remove(tp); // read again from its committed offset if assigned again
      }
      registryWait.revoked(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      timeline.mark(StartTimeline.Step.ASSIGNED, System.nanoTime());
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(new HashSet<>(partitions));
      for (TopicPartition tp : partitions) {
        Optional<GroupPlan> plan = recordedPlan(tp, committed.get(tp));
        plan.ifPresent(
            p -> log.info("Partition {}: rebuilding the recorded insert {}", tp, p.toMetadata()));
        buffers.put(tp, new PartitionBuffer(tp, mappings.get(tp.topic()), plan));
      }
      if (pausedForRetry) {
        consumer.pause(partitions);
      }
    }
  }
}
