package io.tokenlens.bench;

import io.tokenlens.bench.ingest.RawProducerRate;
import io.tokenlens.bench.sink.BulkLoadComparison;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.delivery.HttpSender;
import io.tokenlens.sink.ClickHouseUrl;
import io.tokenlens.sink.ClickHouseWriter;
import io.tokenlens.sink.SinkConfig;
import io.tokenlens.sink.SinkTables;
import io.tokenlens.sink.TableMapping;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./tokenlens bench pipeline}: the whole pipeline measured in one run on the stack the
 * {@code TOKENLENS_*} variables name. Phases, in order: raw broker produce rate; paced latency;
 * sustained throughput; sink versus a direct bulk load of the pipeline's own enriched rows. Streams
 * RSS is sampled from start to end. Writes the JSON and Markdown results, and {@code BENCHMARKS.md}
 * after a full-length run.
 */
final class PipelineBenchmark {

  private static final Logger log = LoggerFactory.getLogger(PipelineBenchmark.class);

  /**
   * Events sent (over 10 s) and awaited in ClickHouse before measuring: JIT, connections, first
   * transactions.
   */
  static final int WARM_UP_EVENTS = 20_000;

  /**
   * Offsets of lag that count as caught up: the commit markers of the last transactions on each
   * partition.
   */
  static final long CAUGHT_UP_OFFSETS = 1_000;

  private final PipelineOptions options;
  private final PipelineStack stack;
  private final Map<String, Object> details = new LinkedHashMap<>();

  PipelineBenchmark(PipelineOptions options, PipelineStack stack) {
    this.options = options;
    this.stack = stack;
  }

  /** Runs every phase; returns the figures (the details fill {@link #details()}). */
  List<Figure> run() throws Exception {
    String rawTopic = stack.provision();
    log.info(
        "run {}: topics under '{}', database {}, {} engineers in the directory",
        stack.run,
        stack.prefix,
        stack.database(),
        options.engineers());
    JvmService sink = stack.startSink();
    JvmService streams = stack.startStreams();
    try (RssWatch rss = new RssWatch(streams.pid());
        ClickHouseProbe probe =
            new ClickHouseProbe(
                new ClickHouseWriter(
                    stack.clickhouse.endpoint().toString(),
                    stack.database(),
                    "default",
                    "",
                    Duration.ofMinutes(2)))) {
      IngestServer ingest = stack.startIngest();
      HttpSender sender =
          new HttpSender(URI.create("http://127.0.0.1:" + ingest.port()), PipelineStack.API_KEY);
      LoadDriver driver = new LoadDriver(sender);

      log.info("warm-up: {} events through the whole pipeline", WARM_UP_EVENTS);
      LoadDriver.Sent warm =
          driver.paced(
              new OtlpTraffic("warm", options.engineers(), options.recordsPerRequest()),
              10,
              WARM_UP_EVENTS / 10);
      details.put("warmUpDrained", awaitRows(probe, "warm", warm.events(), Duration.ofMinutes(3)));

      log.info("phase 1/6: raw broker produce rate for {} s", options.rawSeconds());
      double raw =
          RawProducerRate.measure(stack.bootstrap, stack.registry, rawTopic, options.rawSeconds());
      details.put("rawProducerEventsPerSecond", raw);

      log.info(
          "phase 2/6: sustained throughput for {} s, sending while the backlog is under {}",
          options.durationSeconds(),
          options.backlog());
      Map<String, Long> cpuBefore = cpu(sink, streams);
      long[] machineBefore = CpuTime.machineTicks();
      URI streamsMetrics =
          URI.create("http://127.0.0.1:" + options.streamsHealthPort() + "/metrics");
      StreamsRecordCounts recordsBefore = StreamsRecordCounts.scrape(streamsMetrics);
      Instant t0 = Instant.now();
      KafkaProbe kafka = new KafkaProbe(stack.admin(), stack.bootstrap);
      LoadDriver.Sent tp =
          driver.bounded(
              new OtlpTraffic("tp", options.engineers(), options.recordsPerRequest()),
              options.durationSeconds(),
              options.backlog(),
              sent -> backlog(probe, kafka, sent));
      Instant t1 = Instant.now();
      Map<String, Long> cpuAfter = cpu(sink, streams);
      long[] machineAfter = CpuTime.machineTicks();
      StreamsRecordCounts recordsAfter = StreamsRecordCounts.scrape(streamsMetrics);
      double seconds = Duration.between(t0, t1).toMillis() / 1e3;
      long rawRecords = kafka.endOffsets(stack.topics.name(Topics.TOKEN_USAGE));
      long enrichedOffsets = kafka.endOffsets(stack.topics.name(Topics.TOKEN_USAGE_ENRICHED));
      long landed = probe.rowsInsertedBetween(t0, t1);
      long rowsAtEnd = probe.rows();
      Map<String, Object> cpuCores = new LinkedHashMap<>();
      cpuAfter.forEach(
          (k, v) -> cpuCores.put(k, (v - cpuBefore.get(k)) / CpuTime.TICKS_PER_SECOND / seconds));
      double machineBusy =
          (machineAfter[0] - machineBefore[0]) / (double) (machineAfter[1] - machineBefore[1]);
      Map<String, Object> tpDetails = new LinkedHashMap<>();
      tpDetails.put("sent", tp);
      tpDetails.put("backlogBound", options.backlog());
      tpDetails.put(
          "acceptedEventsPerSecond",
          (tp.events() - tp.failedRequests() * options.recordsPerRequest()) / seconds);
      tpDetails.put("rowsLandedInWindow", landed);
      tpDetails.put("landedEventsPerSecond", landed / seconds);
      tpDetails.put("rowsInClickHouseAtEnd", rowsAtEnd);
      tpDetails.put("tokenUsageEndOffsetsAtEnd", rawRecords);
      tpDetails.put("tokenUsageEnrichedEndOffsetsAtEnd", enrichedOffsets);
      tpDetails.put("cpuCoresUsed", cpuCores);
      tpDetails.put("machineCpuBusyShare", machineBusy);
      Map<String, Object> perEvent =
          recordsAfter.perInputRecordSince(recordsBefore, stack.topics.name(Topics.TOKEN_USAGE));
      tpDetails.put("streamsRecordsPerEvent", perEvent);
      if (perEvent.get("inputRecords") instanceof Long inputs) {
        double streamsCpuSeconds =
            (cpuAfter.get("streams") - cpuBefore.get("streams")) / CpuTime.TICKS_PER_SECOND;
        tpDetails.put("streamsCpuMicrosPerEvent", streamsCpuSeconds * 1e6 / inputs);
      }
      tpDetails.put("rowsOfThisPhaseLandedByItsEnd", probe.rows("tp"));
      tpDetails.put("rowsPer10Seconds", probe.rowsPer10Seconds());
      tpDetails.put("streamsLagAtEnd", kafka.groupLag(stack.streamsApplicationId()));
      tpDetails.put(
          "drainedAfter",
          awaitRows(probe, "tp", tp.events(), Duration.ofMinutes(5))
              && awaitCaughtUp(kafka, Duration.ofMinutes(5)));
      details.put("throughputPhase", tpDetails);

      log.info(
          "phase 3/6: latency at {} events/s for {} s",
          options.targetRate(),
          options.latencySeconds());
      LatencyPhase sub = latencyPhase(driver, probe, kafka, "sub", options.targetRate());
      details.put("latencyAtTargetRatePhase", sub.details());

      log.info(
          "phase 4/6: latency at {} events/s for {} s",
          options.latencyRate(),
          options.latencySeconds());
      LatencyPhase lat = latencyPhase(driver, probe, kafka, "lat", options.latencyRate());
      details.put("latencyPhase", lat.details());
      rss.close();
      details.put("streamsRssSeries", rss.series());
      long peakRss = rss.peak();

      log.info("phase 5/6: a new streams instance restores the run's state from the changelogs");
      StreamsRestore restore = StreamsRestore.measure(stack);
      details.put("streamsRestore", restore);
      stack.stopServices();

      log.info(
          "phase 6/6: sink versus a direct bulk load of {} enriched rows", options.compareRows());
      BulkLoadComparison.Result cmp = compareSink(kafka);
      details.put("sinkComparison", cmp);
      return new Figures(options)
          .all(
              raw,
              tpDetails,
              sub.latency(),
              sub.sent(),
              lat.latency(),
              lat.sent(),
              cmp,
              peakRss,
              restore);
    }
  }

  Map<String, Object> details() {
    return details;
  }

  /**
   * One paced latency phase: what it sent and the percentiles of the rows that landed within the
   * drain bound.
   */
  record LatencyPhase(LoadDriver.Sent sent, ClickHouseProbe.Latency latency, boolean drained) {
    Map<String, Object> details() {
      return Map.of(
          "sent",
          sent,
          "offeredEventsPerSecond",
          sent.eventsPerSecond(),
          "rowsLanded",
          latency.rows(),
          "drained",
          drained,
          "p50Ms",
          latency.p50(),
          "p99Ms",
          latency.p99(),
          "maxMs",
          latency.max());
    }
  }

  /**
   * Once the streams job has caught up (at most 3 minutes), {@code rate} events/s for the latency
   * phase's length.
   */
  private LatencyPhase latencyPhase(
      LoadDriver driver, ClickHouseProbe probe, KafkaProbe kafka, String tag, int rate)
      throws Exception {
    awaitCaughtUp(kafka, Duration.ofMinutes(3));
    LoadDriver.Sent sent =
        driver.paced(
            new OtlpTraffic(tag, options.engineers(), options.recordsPerRequest()),
            options.latencySeconds(),
            rate);
    boolean drained =
        awaitRows(
            probe, tag, sent.events(), Duration.ofSeconds(Math.max(120, options.latencySeconds())));
    return new LatencyPhase(sent, probe.latency(tag), drained);
  }

  private Map<String, Long> cpu(JvmService sink, JvmService streams) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("streams", CpuTime.processTicks(streams.pid()));
    m.put("sink", CpuTime.processTicks(sink.pid()));
    m.put("collectorsAndLoad", CpuTime.processTicks(ProcessHandle.current().pid()));
    return m;
  }

  /**
   * The throughput phase's backlog: its events not yet in ClickHouse, or the records the streams
   * job has still to read on any of its topics (its later sub-topologies read repartition topics),
   * whichever is larger.
   */
  private long backlog(ClickHouseProbe probe, KafkaProbe kafka, long sent) {
    try {
      return Math.max(sent - probe.rows("tp"), kafka.groupLag(stack.streamsApplicationId()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot measure the pipeline's backlog", e);
    }
  }

  /**
   * Waits until the streams job has read (nearly) everything on its topics: a few transaction
   * markers remain.
   */
  private boolean awaitCaughtUp(KafkaProbe kafka, Duration bound) throws Exception {
    return awaitUntil(
        () -> kafka.groupLag(stack.streamsApplicationId()) < CAUGHT_UP_OFFSETS, bound);
  }

  private static boolean awaitRows(ClickHouseProbe probe, String tag, long expected, Duration bound)
      throws Exception {
    return awaitUntil(() -> probe.rows(tag) >= expected, bound);
  }

  /**
   * Checks {@code done} once a second until it holds (true) or {@code bound} has passed (false).
   */
  private static boolean awaitUntil(Callable<Boolean> done, Duration bound) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.call()) {
        return true;
      }
      Thread.sleep(1_000);
    }
    return false;
  }

  /**
   * The pipeline's own enriched rows, read back from Kafka, through a fresh sink and as one direct
   * insert.
   */
  private BulkLoadComparison.Result compareSink(KafkaProbe kafka) throws Exception {
    String topic = stack.topics.name(Topics.TOKEN_USAGE_ENRICHED);
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.readCommitted(topic, options.compareRows(), Duration.ofMinutes(3));
    TableMapping mapping = SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED);
    List<BulkLoadComparison.SourceRecord> rows = new ArrayList<>(records.size());
    try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", stack.registry))) {
      var deserializer = serdes.valueDeserializer(Topics.TOKEN_USAGE_ENRICHED);
      for (ConsumerRecord<byte[], byte[]> r : records) {
        SpecificRecord value = deserializer.deserialize(topic, r.headers(), r.value());
        rows.add(
            new BulkLoadComparison.SourceRecord(
                new String(r.key(), StandardCharsets.UTF_8), value, r.partition(), r.offset()));
      }
    }
    Map<String, String> c = new HashMap<>();
    c.put(SinkConfig.BOOTSTRAP_SERVERS, stack.bootstrap);
    c.put(SinkConfig.SCHEMA_REGISTRY_URL, stack.registry);
    c.put(SinkConfig.TOPICS, Topics.TOKEN_USAGE_ENRICHED.name());
    c.put("topics.name.prefix", stack.prefix);
    c.put(SinkConfig.GROUP_ID, stack.prefix + "sink-comparison");
    c.put(SinkConfig.METRICS_PORT, "-1");
    c.put(
        SinkConfig.CLICKHOUSE_URL,
        stack.clickhouse.endpoint() + "/" + stack.scratchDatabase("sink"));
    SinkConfig sinkConfig = SinkConfig.fromMap(c);
    c.put(
        SinkConfig.CLICKHOUSE_URL,
        stack.clickhouse.endpoint() + "/" + stack.scratchDatabase("direct"));
    return BulkLoadComparison.run(
        sinkConfig, SinkConfig.fromMap(c), mapping, rows, Duration.ofMinutes(10));
  }

  static ClickHouseUrl clickhouse(String url) {
    return ClickHouseUrl.parse(url);
  }

  static Path resultsDir(PipelineOptions options, String run) {
    return options.out().resolve(run);
  }
}
