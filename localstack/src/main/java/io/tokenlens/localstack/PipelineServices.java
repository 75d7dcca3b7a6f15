package io.tokenlens.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ingest, streams and sink services on the local stack, in start order. */
public final class PipelineServices {
  /** The streams job's application id: its consumer group. */
  public static final String STREAMS_APPLICATION_ID = "tokenlens-streams";

  /** The sink's consumer group. */
  public static final String SINK_GROUP_ID = "tokenlens-sink";

  private PipelineServices() {}

  public static List<PipelineService> of(
      StackSettings stack, ServiceSettings ports, ServiceSecrets secrets) {
    return of(stack, ports, secrets, Map.of());
  }

  /**
   * The services, the streams job with {@code streamsSettings} (dotted configuration keys, passed
   * as their {@code TOKENLENS_*} environment variables) over its defaults.
   */
  public static List<PipelineService> of(
      StackSettings stack,
      ServiceSettings ports,
      ServiceSecrets secrets,
      Map<String, String> streamsSettings) {
    return List.of(
        ingest(stack, ports, secrets), streams(stack, ports, streamsSettings), sink(stack, ports));
  }

  static PipelineService ingest(
      StackSettings stack, ServiceSettings ports, ServiceSecrets secrets) {
    Map<String, String> env = stackEnvironment(stack);
    env.put(ServiceSettings.INGEST_HTTP_PORT, Integer.toString(ports.ingestHttpPort()));
    env.put(ServiceSettings.INGEST_GRPC_PORT, Integer.toString(ports.ingestGrpcPort()));
    // an admin key: the demo's simulator loads the directory (POST /v1/directory) besides sending
    // telemetry
    env.put("TOKENLENS_INGEST_ADMIN_API_KEYS", ServiceSecrets.KEY_NAME + "=" + secrets.apiKey());
    env.put("TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET", secrets.githubSecret());
    env.put("TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET", secrets.pagerdutySecret());
    // the demo's simulator sends incidents of past simulated days: their signed times are hours to
    // days old
    env.put("TOKENLENS_INGEST_WEBHOOK_REPLAY_TOLERANCE_SECONDS", "0");
    env.put("TOKENLENS_INGEST_SPOOL_DIR", stack.componentDir("ingest").resolve("spool").toString());
    return new PipelineService(
        "ingest",
        stack.repoRoot().resolve("ingest"),
        "io.tokenlens.ingest.IngestMain",
        "512m",
        stack.componentDir("ingest"),
        ports.ingestUrl() + "/readyz",
        Map.of(
            ServiceSettings.INGEST_HTTP_PORT,
            ports.ingestHttpPort(),
            ServiceSettings.INGEST_GRPC_PORT,
            ports.ingestGrpcPort()),
        env);
  }

  /**
   * The native environment of a streams process: at most two glibc malloc arenas. RocksDB allocates
   * from its flush and compaction threads as well as the stream threads, and with glibc's default
   * of eight arenas per core the memory each arena keeps after freeing adds up to hundreds of MiB
   * of resident memory beyond the bounded block cache and the heap. An environment that sets it
   * already wins.
   */
  public static final Map<String, String> STREAMS_NATIVE_ENVIRONMENT =
      Map.of("MALLOC_ARENA_MAX", "2");

  static PipelineService streams(
      StackSettings stack, ServiceSettings ports, Map<String, String> settings) {
    Map<String, String> env =
        streamsEnvironment(
            stack,
            ports.streamsHealthPort(),
            stack.componentDir("streams").resolve("state"),
            settings);
    return new PipelineService(
        "streams",
        stack.repoRoot().resolve("streams"),
        "io.tokenlens.streams.StreamsMain",
        "1g",
        stack.componentDir("streams"),
        url(ports.streamsHealthPort()),
        Map.of(ServiceSettings.STREAMS_HEALTH_PORT, ports.streamsHealthPort()),
        env);
  }

  /**
   * The environment of one instance of the streams job on the stack: its health port and state
   * directory (each instance its own), {@code settings} (dotted configuration keys) over its
   * defaults; instances share the application id, so they share the tasks.
   */
  public static Map<String, String> streamsEnvironment(
      StackSettings stack, int healthPort, Path stateDir, Map<String, String> settings) {
    Map<String, String> env = stackEnvironment(stack);
    settings.forEach((key, value) -> env.put(environmentVariable(key), value));
    env.put(ServiceSettings.STREAMS_HEALTH_PORT, Integer.toString(healthPort));
    env.put("TOKENLENS_STREAMS_APPLICATION_ID", STREAMS_APPLICATION_ID);
    // a minute for a transaction instead of Kafka Streams' 10 s: a laptop busy with the whole stack
    // would otherwise
    // see the coordinator abort long transactions and fence the job, which then restores its state
    // again
    env.put("TOKENLENS_KAFKA_TRANSACTION_TIMEOUT_MS", "60000");
    env.put("TOKENLENS_STREAMS_STATE_DIR", stateDir.toString());
    String commitInterval = "TOKENLENS_STREAMS_COMMIT_INTERVAL_MS";
    if (stack.kafkaBrokers() > 1 && System.getenv(commitInterval) == null) {
      // a transaction a second on a cluster, as docs/sizing.md advises: each commit's markers are
      // replicated, and at 100 ms the next transaction waits on CONCURRENT_TRANSACTIONS
      env.putIfAbsent(commitInterval, "1000");
    }
    STREAMS_NATIVE_ENVIRONMENT.forEach(env::putIfAbsent);
    return env;
  }

  static PipelineService sink(StackSettings stack, ServiceSettings ports) {
    return new PipelineService(
        "sink",
        stack.repoRoot().resolve("sink"),
        "io.tokenlens.sink.SinkMain",
        "512m",
        stack.componentDir("sink"),
        url(ports.sinkMetricsPort()),
        Map.of(ServiceSettings.SINK_METRICS_PORT, ports.sinkMetricsPort()),
        sinkEnvironment(stack, ports.sinkMetricsPort()));
  }

  /**
   * The environment of one sink instance on the stack, its {@code /health} and {@code /metrics} on
   * {@code metricsPort}; instances share the group, so they share the partitions.
   */
  public static Map<String, String> sinkEnvironment(StackSettings stack, int metricsPort) {
    Map<String, String> env = stackEnvironment(stack);
    env.put(ServiceSettings.SINK_METRICS_PORT, Integer.toString(metricsPort));
    env.put("TOKENLENS_SINK_GROUP_ID", SINK_GROUP_ID);
    // migrations as default (every privilege); inserts as tokenlens_sink; the reader's user checked
    // and named
    env.put("TOKENLENS_CLICKHOUSE_MIGRATIONS_USER", "default");
    env.put("TOKENLENS_CLICKHOUSE_USER", StackSettings.CLICKHOUSE_SINK_USER);
    env.put("TOKENLENS_CLICKHOUSE_PASSWORD", stack.clickhouseSinkPassword());
    env.put("TOKENLENS_CLICKHOUSE_READER_USER", StackSettings.CLICKHOUSE_READER_USER);
    env.put("TOKENLENS_CLICKHOUSE_READER_PASSWORD", stack.clickhouseReaderPassword());
    return env;
  }

  /** The stack's own addresses, over whatever the launcher's environment names. */
  private static Map<String, String> stackEnvironment(StackSettings stack) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    env.put("TOKENLENS_SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl());
    env.put("TOKENLENS_CLICKHOUSE_URL", stack.clickhouseJdbcUrl());
    env.putAll(stack.topicEnvironment());
    return env;
  }

  /**
   * {@code streams.detect.grace.ms} → {@code TOKENLENS_STREAMS_DETECT_GRACE_MS}, as the services
   * read them.
   */
  static String environmentVariable(String key) {
    return "TOKENLENS_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static String url(int port) {
    return "http://" + StackSettings.HOST + ":" + port + "/health";
  }
}
