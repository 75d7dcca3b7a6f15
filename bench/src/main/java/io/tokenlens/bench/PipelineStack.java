package io.tokenlens.bench;

import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.localstack.PipelineServices;
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.sink.ClickHouseUrl;
import io.tokenlens.sink.ClickHouseWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline under test, on the running stack, in its own namespace: the topic catalog under a
 * fresh prefix, a fresh ClickHouse database, the directory of N engineers and the price, the sink
 * and the streams job each as its own JVM, and the collectors ({@link IngestServer}) in this
 * process. {@link #close()} stops everything and deletes the topics, the database and the state.
 */
final class PipelineStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PipelineStack.class);
  static final String API_KEY = "pipeline-bench-key-0123456789abcdef";

  final String run;
  final String prefix;
  final String bootstrap;
  final String registry;
  final ClickHouseUrl clickhouse;
  final TopicSettings topics;
  final Path dir;
  private final Path root;
  private final PipelineOptions options;
  private final Admin admin;
  private final List<String> databases = new ArrayList<>();
  private JvmService sink;
  private JvmService streams;
  private IngestServer ingest;

  PipelineStack(
      Path root,
      PipelineOptions options,
      String bootstrap,
      String registry,
      ClickHouseUrl clickhouse,
      Path dir) {
    this.root = root;
    this.options = options;
    this.bootstrap = bootstrap;
    this.registry = registry;
    this.clickhouse = clickhouse;
    this.run = "pbench" + Long.toString(System.currentTimeMillis(), 36);
    this.prefix = run + ".";
    this.topics = TopicSettings.local().withNamePrefix(prefix);
    this.dir = dir;
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  Admin admin() {
    return admin;
  }

  /** The database of the pipeline's sink. */
  String database() {
    return run;
  }

  /** A ClickHouse database to be dropped with the stack. */
  String scratchDatabase(String suffix) {
    String name = run + "_" + suffix;
    databases.add(name);
    return name;
  }

  /** Topics, the raw-produce topic, the directory and the price. */
  String provision() throws Exception {
    databases.add(run);
    new TopicProvisioner(admin, topics, Duration.ofSeconds(60)).provisionAll();
    String raw = prefix + "raw-produce";
    admin
        .createTopics(
            List.of(new NewTopic(raw, TopicSettings.DEFAULT_STREAM_PARTITIONS, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer())) {
      BenchDirectory.load(
          producer, serdes, topics, options.engineers(), Instant.now().minus(Duration.ofDays(1)));
      producer.flush();
    }
    return raw;
  }

  /**
   * The sink as its own process, every catalogued topic into the run's database; returns once it
   * serves /health.
   */
  JvmService startSink() throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", bootstrap);
    p.put("schema.registry.url", registry);
    p.put("clickhouse.url", clickhouse.endpoint() + "/" + run);
    p.put("sink.group.id", prefix + "sink");
    p.put(TopicSettings.NAME_PREFIX, prefix);
    p.put("sink.metrics.port", Integer.toString(options.sinkMetricsPort()));
    options
        .sinkConfig()
        .ifPresent(f -> p.putAll(io.tokenlens.schemas.config.ConfigLayers.readProperties(f)));
    sink =
        JvmService.start(
            "sink",
            root.resolve("sink/target"),
            "io.tokenlens.sink.SinkMain",
            jvmArgs("sink", List.of()),
            Map.of(),
            p,
            dir);
    sink.awaitHealthy(
        URI.create("http://127.0.0.1:" + options.sinkMetricsPort() + "/health"),
        Duration.ofMinutes(3));
    log.info("sink running (pid {})", sink.pid());
    return sink;
  }

  /** The streams job's application id, which is also its consumer group. */
  String streamsApplicationId() {
    return prefix + "streams";
  }

  /**
   * The streams job as its own process; returns once Kafka Streams is RUNNING (rebalanced, tasks
   * assigned).
   */
  JvmService startStreams() throws Exception {
    streams = streamsProcess("streams", dir.resolve("streams-state"));
    streams.awaitAnswer(
        streamsUrl("/metrics"),
        "tokenlens_streams_state{state=\"RUNNING\"} 1",
        Duration.ofMinutes(5));
    log.info("streams running (pid {})", streams.pid());
    return streams;
  }

  /**
   * Stops the streams job and starts it again on an empty state directory, as a new instance that
   * replaces a lost one without a standby: it restores every store, global stores included, from
   * the changelogs. Returns once {@code /health} answers 200 (running, no store restoring), within
   * {@code bound}.
   */
  JvmService restartStreamsFromChangelogs(Duration bound) throws Exception {
    streams.close();
    streams = streamsProcess("streams-restore", dir.resolve("streams-restore-state"));
    streams.awaitHealthy(streamsUrl("/health"), bound);
    return streams;
  }

  URI streamsUrl(String path) {
    return URI.create("http://127.0.0.1:" + options.streamsHealthPort() + path);
  }

  private JvmService streamsProcess(String name, Path state) throws IOException {
    Files.createDirectories(state);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", bootstrap);
    p.put("schema.registry.url", registry);
    p.put("streams.application.id", streamsApplicationId());
    p.put("streams.state.dir", state.toString());
    p.put(TopicSettings.NAME_PREFIX, prefix);
    p.put("streams.health.port", Integer.toString(options.streamsHealthPort()));
    options
        .streamsConfig()
        .ifPresent(f -> p.putAll(io.tokenlens.schemas.config.ConfigLayers.readProperties(f)));
    return JvmService.start(
        name,
        root.resolve("streams/target"),
        "io.tokenlens.streams.StreamsMain",
        jvmArgs(name, List.of("-Xmx" + options.streamsHeap())),
        PipelineServices.STREAMS_NATIVE_ENVIRONMENT,
        p,
        dir);
  }

  private List<String> jvmArgs(String name, List<String> base) {
    List<String> args = new ArrayList<>(base);
    if (options.profile()) {
      args.add(
          "-XX:StartFlightRecording=filename="
              + dir.resolve(name + ".jfr")
              + ",settings=profile,dumponexit=true");
    }
    return args;
  }

  /** The collectors in this process, on a free port, publishing under the run's prefix. */
  IngestServer startIngest() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put(IngestConfig.HTTP_PORT, "0");
    values.put(IngestConfig.GRPC_PORT, "0");
    values.put(IngestConfig.API_KEYS, "bench=" + API_KEY);
    values.put(IngestConfig.SPOOL_DIR, dir.resolve("ingest-spool").toString());
    values.put("kafka.bootstrap.servers", bootstrap);
    values.put("schema.registry.url", registry);
    values.put(TopicSettings.NAME_PREFIX, prefix);
    ingest = IngestServer.start(IngestConfig.fromMap(values));
    return ingest;
  }

  /**
   * Stops the pipeline's processes (the sink last, so it lands what streams committed); idempotent.
   */
  void stopServices() throws Exception {
    if (ingest != null) {
      ingest.close();
      ingest = null;
    }
    if (streams != null) {
      streams.close();
    }
    if (sink != null) {
      sink.close();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stopServices();
    } finally {
      try (ClickHouseWriter ch =
          new ClickHouseWriter(
              clickhouse.endpoint().toString(), "default", "default", "", Duration.ofMinutes(1))) {
        for (String db : databases) {
          ch.execute("DROP DATABASE IF EXISTS " + db);
        }
      } catch (Exception e) {
        log.warn("could not drop the run's databases {}: {}", databases, e.toString());
      }
      Set<String> ours =
          admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(prefix))
              .collect(Collectors.toSet());
      admin.deleteTopics(ours).all().get(120, TimeUnit.SECONDS);
      admin.close();
      deleteRecursively(dir.resolve("streams-state"));
      deleteRecursively(dir.resolve("streams-restore-state"));
      deleteRecursively(dir.resolve("ingest-spool"));
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var paths = Files.walk(path)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
