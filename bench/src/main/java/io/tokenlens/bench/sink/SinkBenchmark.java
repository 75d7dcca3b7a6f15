package io.tokenlens.bench.sink;

import io.tokenlens.bench.BenchArgs;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.sink.ClickHouseUrl;
import io.tokenlens.sink.ClickHouseWriter;
import io.tokenlens.sink.KafkaClientSettings;
import io.tokenlens.sink.SinkConfig;
import io.tokenlens.sink.SinkMetrics;
import io.tokenlens.sink.SinkService;
import io.tokenlens.sink.SinkTables;
import io.tokenlens.sink.TableMapping;
import io.tokenlens.sink.TableRows;
import io.tokenlens.sink.rowbinary.RowBinaryOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sink benchmark against the stack named by the TOKENLENS_* environment variables:
 *
 * <ol>
 *   <li>rows/s the sink inserts from a topic holding N enriched token events (first record fetched
 *       to every row queryable; and from sink start), next to a direct bulk load of the same rows
 *       (one RowBinaryWithDefaults insert, the fastest load the engine takes) into the same
 *       ClickHouse, the ratios, and the sink's CPU time per row;
 *   <li>event-to-queryable latency (p50/p99) at a fixed input rate: {@code inserted_at -
 *       accepted_at};
 *   <li>the same rows as one JSONEachRow insert (the sink's former format) next to the RowBinary
 *       one.
 * </ol>
 *
 * Run: {@code ./tokenlens bench sink [options]} ({@link SinkOptions#COMMAND_LINE}).
 */
public final class SinkBenchmark {

  private static final TableMapping TOKEN_USAGE = SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED);

  /**
   * Sink settings taken from the environment ({@code TOKENLENS_SINK_BATCH_MAX_ROWS}, ..., {@code
   * TOKENLENS_KAFKA_GROUP_PROTOCOL}) when set.
   */
  private static final List<String> TUNABLE =
      List.of(
          SinkConfig.BATCH_MAX_ROWS,
          SinkConfig.BATCH_MAX_WAIT_MS,
          SinkConfig.BATCH_CATCHUP_MAX_WAIT_MS,
          SinkConfig.CLICKHOUSE_REQUEST_COMPRESSION,
          KafkaClientSettings.PREFIX + ConsumerConfig.GROUP_PROTOCOL_CONFIG);

  private SinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    SinkOptions options = BenchArgs.parseOrExit(args, SinkOptions.COMMAND_LINE, SinkOptions::parse);
    int rows = options.rows();
    int rate = options.rate();
    int seconds = options.seconds();
    String bootstrap = BenchArgs.stackEnv("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS");
    String registry = BenchArgs.stackEnv("TOKENLENS_SCHEMA_REGISTRY_URL");
    ClickHouseUrl ch = ClickHouseUrl.parse(BenchArgs.stackEnv("TOKENLENS_CLICKHOUSE_URL"));
    String run = "bench" + Long.toString(System.currentTimeMillis(), 36);
    String sinkDb = run + "_sink";
    String directDb = run + "_direct";
    String prefix = run + ".";
    System.out.printf(
        "sink benchmark %s: %,d rows; latency at %,d events/s for %d s; ClickHouse %s (%s)%n",
        run,
        rows,
        rate,
        seconds,
        ch.endpoint(),
        "figures measured through the local chDB endpoint when that is what runs there");

    Map<String, String> config = new HashMap<>();
    config.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrap);
    config.put(SinkConfig.SCHEMA_REGISTRY_URL, registry);
    config.put(SinkConfig.CLICKHOUSE_URL, ch.endpoint() + "/" + sinkDb);
    config.put(SinkConfig.TOPICS, Topics.TOKEN_USAGE_ENRICHED.name());
    config.put(TopicSettings.NAME_PREFIX, prefix);
    config.put(SinkConfig.GROUP_ID, prefix + "sink");
    config.put(SinkConfig.METRICS_PORT, "-1");
    Map<String, String> direct = new HashMap<>(config);
    direct.put(SinkConfig.CLICKHOUSE_URL, ch.endpoint() + "/" + directDb);
    SinkConfig directConfig = SinkConfig.fromMap(direct);
    // the sink's batch sizes and request compression may be varied from the environment; the direct
    // load stays one
    // uncompressed insert
    for (String key : TUNABLE) {
      String value = System.getenv(SinkConfig.envName(key));
      if (value != null && !value.isBlank()) {
        config.put(key, value);
        System.out.printf("sink setting from the environment: %s=%s%n", key, value);
      }
    }
    SinkConfig sinkConfig = SinkConfig.fromMap(config);

    String topic = prefix + Topics.TOKEN_USAGE_ENRICHED.name();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(
              List.of(
                  TopicSettings.local()
                      .withNamePrefix(prefix)
                      .newTopic(Topics.TOKEN_USAGE_ENRICHED)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry));
    var serializer = serdes.valueSerializer(Topics.TOKEN_USAGE_ENRICHED);
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {

      // 1. throughput: the same rows through the sink and as one direct bulk load
      List<TokenUsage> usages = new ArrayList<>(rows);
      List<BulkLoadComparison.SourceRecord> records = new ArrayList<>(rows);
      Instant t0 = Instant.now().minus(Duration.ofHours(1));
      for (int i = 0; i < rows; i++) {
        TokenUsage u = usage("tp-" + i, t0.plusMillis(i), i);
        usages.add(u);
        records.add(new BulkLoadComparison.SourceRecord("k", u, i % 6, i / 6));
      }
      long produceStart = System.nanoTime();
      for (TokenUsage u : usages) {
        producer.send(
            new ProducerRecord<>(
                topic,
                Topics.TOKEN_USAGE_ENRICHED.key(u).getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topic, u)));
      }
      producer.flush();
      double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

      BulkLoadComparison.Result cmp =
          BulkLoadComparison.run(
              sinkConfig, directConfig, TOKEN_USAGE, records, Duration.ofMinutes(10));
      System.out.printf(
          "produce to Kafka:     %,10.0f rows/s (%,d rows in %.2f s)%n",
          rows / produceSeconds, rows, produceSeconds);
      System.out.printf(
          "direct bulk load:     %,10.0f rows/s (median of %d RowBinaryWithDefaults inserts of %.1f MB: "
              + "%.2f s; each: %s s)%n",
          cmp.directRowsPerSecond(),
          cmp.directLoadSeconds().size(),
          cmp.bodyBytes() / 1e6,
          cmp.directSeconds(),
          cmp.directLoadSeconds().stream().map(d -> String.format("%.2f", d)).toList());
      System.out.printf(
          "sink (Kafka -> CH):   %,10.0f rows/s (%.2f s, from the first record fetched to all rows "
              + "queryable)%n",
          cmp.sinkRowsPerSecond(), cmp.fetchedSeconds());
      System.out.printf("sink / direct ratio:  %10.2f (target >= 0.70)%n", cmp.ratio());
      System.out.printf(
          "sink whole process:   %,10.0f rows/s (%.2f s, from sink start: %.2f s to the first record "
              + "fetched), ratio %.2f%n",
          cmp.wholeRowsPerSecond(), cmp.sinkSeconds(), cmp.startSeconds(), cmp.wholeRatio());
      System.out.printf(
          "sink start:           %s; first insert %,d rows%n",
          cmp.startBreakdown(), cmp.firstInsertRows());
      System.out.printf("sink inserts:         %s%n", String.join(", ", cmp.inserts()));
      System.out.printf(
          "sink CPU per row:     %10.1f us (CPU time of the sink's JVM while it ran / rows)%n",
          cmp.sinkCpuMicrosPerRow());
      System.out.printf(
          "sink steady state:    %,10.0f rows/s (first to last row inserted: %.2f s)%n",
          cmp.steadyRowsPerSecond(), cmp.steadySeconds());
      cmp.flushMetrics().forEach((k, v) -> System.out.println("  " + k + " " + v));
      // the same rows again without the catch-up rule (batches cut after max wait even with a
      // backlog)
      Map<String, String> plain = new HashMap<>(config);
      plain.put(SinkConfig.CLICKHOUSE_URL, ch.endpoint() + "/" + sinkDb + "_plain");
      plain.put(SinkConfig.GROUP_ID, prefix + "sink-plain");
      plain.put(
          SinkConfig.BATCH_CATCHUP_MAX_WAIT_MS,
          plain.getOrDefault(SinkConfig.BATCH_MAX_WAIT_MS, "1000"));
      Map<String, String> plainDirect = new HashMap<>(direct);
      plainDirect.put(SinkConfig.CLICKHOUSE_URL, ch.endpoint() + "/" + directDb + "_plain");
      BulkLoadComparison.Result old =
          BulkLoadComparison.run(
              SinkConfig.fromMap(plain),
              SinkConfig.fromMap(plainDirect),
              TOKEN_USAGE,
              records,
              Duration.ofMinutes(10));
      System.out.printf(
          "without catch-up:     sink %,10.0f rows/s, direct %,10.0f rows/s, ratio %.2f (whole process "
              + "%.2f), %s batches, %.1f us CPU per row (the JVM warmer by one run)%n",
          old.sinkRowsPerSecond(),
          old.directRowsPerSecond(),
          old.ratio(),
          old.wholeRatio(),
          old.flushMetrics().get("tokenlens_sink_batches_total{table=\"token_usage\"}"),
          old.sinkCpuMicrosPerRow());
      SinkMetrics metrics = new SinkMetrics();
      SinkService service = new SinkService(sinkConfig, metrics);
      Thread thread = new Thread(service::run, "sink");
      thread.start();

      // 2. latency at a fixed rate while the sink runs
      long intervalNanos = 1_000_000_000L / rate;
      long next = System.nanoTime();
      int total = rate * seconds;
      for (int i = 0; i < total; i++) {
        while (System.nanoTime() < next) {
          Thread.onSpinWait();
        }
        next += intervalNanos;
        TokenUsage u =
            TokenUsage.newBuilder(usage("lat-" + i, Instant.now(), i))
                .setAcceptedAt(Instant.now())
                .build();
        producer.send(
            new ProducerRecord<>(
                topic,
                Topics.TOKEN_USAGE_ENRICHED.key(u).getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topic, u)));
      }
      producer.flush();
      try (ClickHouseWriter probe = new ClickHouseWriter(sinkConfig)) {
        awaitRows(
            probe,
            "SELECT count() AS n FROM token_usage WHERE event_id LIKE 'lat-%'",
            total,
            Duration.ofMinutes(5));
        var latency =
            probe
                .query(
                    "SELECT quantile(0.5)(d) AS p50, quantile(0.99)(d) AS p99 FROM (SELECT "
                        + "dateDiff('millisecond', accepted_at, inserted_at) AS d FROM token_usage WHERE event_id LIKE 'lat-%')")
                .get(0);
        System.out.printf(
            "event -> queryable at %,d events/s over %d s: p50/p99 = %.0f/%.0f ms "
                + "(inserted_at - accepted_at)%n",
            rate, seconds, latency.getDouble("p50"), latency.getDouble("p99"));
      }
      service.stop();
      thread.join();
      service.close();

      // 3. the same rows as JSONEachRow (the sink's former format) next to RowBinary, both direct
      int n = Math.min(50_000, rows);
      try (ClickHouseWriter writer =
          new ClickHouseWriter(
              ch.endpoint().toString(), directDb, "default", "", Duration.ofMinutes(5))) {
        writer.execute("CREATE TABLE token_usage_json AS token_usage");
        writer.execute("CREATE TABLE token_usage_binary AS token_usage");
        TableRows encoder = writer.rows(TOKEN_USAGE);
        List<byte[]> binary = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          BulkLoadComparison.SourceRecord r = records.get(i);
          binary.add(encoder.row(r.key(), r.value(), r.partition(), r.offset()));
        }
        byte[] body = RowBinaryOutput.concat(binary);
        long start = System.nanoTime();
        writer.insert("token_usage_binary", body, "binary-" + n);
        double binarySeconds = (System.nanoTime() - start) / 1e9;
        double jsonSeconds;
        byte[] text;
        try (com.clickhouse.client.api.Client client =
            new com.clickhouse.client.api.Client.Builder()
                .addEndpoint(ch.endpoint().toString())
                .setUsername("default")
                .setPassword("")
                .setDefaultDatabase(directDb)
                .build()) {
          try (var response =
              client
                  .query("SELECT * EXCEPT inserted_at FROM token_usage_binary FORMAT JSONEachRow")
                  .get(5, TimeUnit.MINUTES)) {
            text = response.getInputStream().readAllBytes();
          }
          start = System.nanoTime();
          client
              .insert(
                  "token_usage_json",
                  new java.io.ByteArrayInputStream(text),
                  com.clickhouse.data.ClickHouseFormat.JSONEachRow)
              .get(5, TimeUnit.MINUTES)
              .close();
          jsonSeconds = (System.nanoTime() - start) / 1e9;
        }
        System.out.printf(
            "RowBinaryWithDefaults (%,d rows, %.1f MB): %,10.0f rows/s (%.2f s)%n",
            n, body.length / 1e6, n / binarySeconds, binarySeconds);
        System.out.printf(
            "JSONEachRow           (%,d rows, %.1f MB): %,10.0f rows/s (%.2f s)%n",
            n, text.length / 1e6, n / jsonSeconds, jsonSeconds);
        System.out.printf(
            "RowBinaryWithDefaults in LZ4 blocks (clickhouse.request.compression=lz4): %.1f MB%n",
            lz4FramedBytes(body) / 1e6);
      }
    } finally {
      serdes.close();
      try (ClickHouseWriter admin =
          new ClickHouseWriter(
              ch.endpoint().toString(), "default", "default", "", Duration.ofMinutes(1))) {
        admin.execute("DROP DATABASE IF EXISTS " + sinkDb);
        admin.execute("DROP DATABASE IF EXISTS " + directDb);
        admin.execute("DROP DATABASE IF EXISTS " + sinkDb + "_plain");
        admin.execute("DROP DATABASE IF EXISTS " + directDb + "_plain");
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The size of an insert body in ClickHouse's compressed block framing: LZ4 blocks of 1 MiB. */
  private static long lz4FramedBytes(byte[] body) {
    net.jpountz.lz4.LZ4Compressor lz4 =
        net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor();
    int block = 1 << 20;
    byte[] out = new byte[lz4.maxCompressedLength(block)];
    long total = 0;
    for (int at = 0; at < body.length; at += block) {
      int n = Math.min(block, body.length - at);
      total +=
          16
              + 9
              + lz4.compress(body, at, n, out, 0, out.length); // checksum, method, sizes, LZ4 block
    }
    return total;
  }

  private static TokenUsage usage(String id, Instant at, int i) {
    return TokenUsages.aRequest()
        .eventId(id)
        .at(at)
        .acceptedAt(at)
        .engineer("eng-" + (i % 500))
        .team("team-" + (i % 20))
        .session("s-" + (i % 5000))
        .tokens(1_000 + i % 700, 20_000, i % 3 == 0 ? 2_000 : 0, 400)
        .computedCost(0.01)
        .build();
  }

  private static void awaitRows(
      ClickHouseWriter probe, String countSql, long rows, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (BulkLoadComparison.number(probe, countSql) < rows) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "fewer than " + rows + " rows after " + timeout + ": " + countSql);
      }
      Thread.sleep(200);
    }
  }
}
