package io.tokenlens.localstack;

import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import io.tokenlens.schemas.topics.TopicSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack lives and which loopback ports it uses. Defaults in code, overridden by
 * environment variables; every invalid value is reported at once.
 *
 * <pre>
 *   TOKENLENS_HOME                    data directory        default &lt;repo&gt;/.tokenlens
 *   TOKENLENS_KAFKA_PORT              Kafka client port     default 9092
 *   TOKENLENS_KAFKA_CONTROLLER_PORT   KRaft controller port default 9093
 *   TOKENLENS_KAFKA_BROKERS           Kafka brokers (1-5)   default what up recorded, else 1
 *   TOKENLENS_SCHEMA_REGISTRY_PORT    schema registry port  default 8081
 *   TOKENLENS_CLICKHOUSE_PORT         ClickHouse HTTP port  default 8123
 *   TOKENLENS_KAFKA_HEAP              broker -Xmx           default 1g
 *   TOKENLENS_CLICKHOUSE_SINK_PASSWORD    password of the ClickHouse user tokenlens_sink    default tokenlens-sink-local
 *   TOKENLENS_CLICKHOUSE_READER_PASSWORD  password of the ClickHouse user tokenlens_reader  default tokenlens-reader-local
 * </pre>
 *
 * With several brokers, broker {@code n} (0-based) listens on the Kafka and controller ports plus
 * {@code 2n}: 9092/9093, 9094/9095, 9096/9097 by default. {@code ./tokenlens up --brokers N} sets
 * the count and records it in the data directory ({@value #BROKERS_FILE}), so that later commands
 * without the variable find the same cluster.
 *
 * <p>The ClickHouse endpoint's administrating user is {@code default} without password, as in a
 * fresh clickhouse-server; the endpoint binds loopback only.
 */
public record StackSettings(
    Path repoRoot,
    Path dataDir,
    String host,
    int kafkaPort,
    int kafkaControllerPort,
    int kafkaBrokers,
    int schemaRegistryPort,
    int clickhousePort,
    String kafkaHeap,
    String clickhouseSinkPassword,
    String clickhouseReaderPassword) {

  public static final String HOST = "127.0.0.1";

  /** The variable that sets the number of Kafka brokers. */
  public static final String KAFKA_BROKERS = "TOKENLENS_KAFKA_BROKERS";

  /** The most brokers the local stack starts. */
  public static final int MAX_KAFKA_BROKERS = 5;

  /** The file in the data directory that records the broker count {@code up} started. */
  public static final String BROKERS_FILE = "kafka-brokers";

  /** The ClickHouse user the sink inserts as. */
  public static final String CLICKHOUSE_SINK_USER = ClickHouseAccess.SINK_ROLE;

  /** The ClickHouse user that reads: {@code ./tokenlens sql}, the report. */
  public static final String CLICKHOUSE_READER_USER = ClickHouseAccess.READER_ROLE;

  public static StackSettings fromEnvironment(Path repoRoot, Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    String home = env.get("TOKENLENS_HOME");
    Path dataDir =
        home != null && !home.isBlank()
            ? Path.of(home).toAbsolutePath().normalize()
            : repoRoot.resolve(".tokenlens");
    int kafka = port(env, "TOKENLENS_KAFKA_PORT", 9092, errors);
    int controller = port(env, "TOKENLENS_KAFKA_CONTROLLER_PORT", 9093, errors);
    int registry = port(env, "TOKENLENS_SCHEMA_REGISTRY_PORT", 8081, errors);
    int clickhouse = port(env, "TOKENLENS_CLICKHOUSE_PORT", 8123, errors);
    int brokers = brokers(env, dataDir, errors);
    String heap = env.getOrDefault("TOKENLENS_KAFKA_HEAP", "1g");
    if (!heap.matches("\\d+[kKmMgG]")) {
      errors.add("TOKENLENS_KAFKA_HEAP must look like 512m or 1g, got '" + heap + "'");
    }
    List<Integer> ports = new ArrayList<>(List.of(registry, clickhouse));
    for (int node = 0; node < brokers; node++) {
      ports.add(kafka + 2 * node);
      ports.add(controller + 2 * node);
    }
    if (ports.stream().distinct().count() != ports.size()) {
      errors.add(
          "the Kafka, controller, schema registry and ClickHouse ports must all differ"
              + (brokers > 1 ? " (broker n uses the Kafka and controller ports plus 2n)" : ""));
    } else if (brokers > 1 && Math.max(kafka, controller) + 2 * (brokers - 1) > 65535) {
      errors.add("the ports of the last broker are above 65535");
    }
    String sinkPassword =
        env.getOrDefault("TOKENLENS_CLICKHOUSE_SINK_PASSWORD", "tokenlens-sink-local");
    String readerPassword =
        env.getOrDefault("TOKENLENS_CLICKHOUSE_READER_PASSWORD", "tokenlens-reader-local");
    for (String key :
        List.of("TOKENLENS_CLICKHOUSE_SINK_PASSWORD", "TOKENLENS_CLICKHOUSE_READER_PASSWORD")) {
      if (env.containsKey(key) && env.get(key).isEmpty()) {
        errors.add(key + " must not be empty");
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid local stack settings:\n  - " + String.join("\n  - ", errors));
    }
    return new StackSettings(
        repoRoot,
        dataDir,
        HOST,
        kafka,
        controller,
        brokers,
        registry,
        clickhouse,
        heap,
        sinkPassword,
        readerPassword);
  }

  /**
   * {@value #KAFKA_BROKERS}, else the count {@code up} recorded in the data directory, else one.
   */
  static int brokers(Map<String, String> env, Path dataDir, List<String> errors) {
    String value = env.get(KAFKA_BROKERS);
    String source = KAFKA_BROKERS;
    if (value == null || value.isBlank()) {
      Path recorded = dataDir.resolve(BROKERS_FILE);
      if (!Files.isRegularFile(recorded)) {
        return 1;
      }
      try {
        value = Files.readString(recorded, StandardCharsets.UTF_8);
        source = recorded.toString();
      } catch (IOException e) {
        errors.add("cannot read " + recorded + ": " + e.getMessage());
        return 1;
      }
    }
    try {
      int brokers = Integer.parseInt(value.trim());
      if (brokers < 1 || brokers > MAX_KAFKA_BROKERS) {
        errors.add(
            source + " must be between 1 and " + MAX_KAFKA_BROKERS + " brokers, got " + brokers);
        return 1;
      }
      return brokers;
    } catch (NumberFormatException e) {
      errors.add(source + " must be a number of brokers, got '" + value.trim() + "'");
      return 1;
    }
  }

  /** Records the broker count in the data directory, for the commands that follow {@code up}. */
  public void recordBrokers() throws IOException {
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve(BROKERS_FILE), kafkaBrokers + "\n", StandardCharsets.UTF_8);
  }

  static int port(Map<String, String> env, String key, int fallback, List<String> errors) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        errors.add(key + " must be a port between 1 and 65535, got " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      errors.add(key + " must be a number, got '" + value + "'");
      return fallback;
    }
  }

  /** The directory one component keeps its data, logs and pid file in. */
  public Path componentDir(String component) {
    return dataDir.resolve(component);
  }

  /** Every broker's client address, comma-separated. */
  public String kafkaBootstrapServers() {
    List<String> servers = new ArrayList<>();
    for (int node = 0; node < kafkaBrokers; node++) {
      servers.add(host + ":" + kafkaPort(node));
    }
    return String.join(",", servers);
  }

  /**
   * The topic settings of a cluster as the services read them ({@code TOKENLENS_TOPICS_*}), so that
   * the streams job replicates its internal topics as the catalog's; none on a single broker, where
   * the services' defaults fit.
   */
  public Map<String, String> topicEnvironment() {
    if (kafkaBrokers == 1) {
      return Map.of();
    }
    TopicSettings topics = topicSettings();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TOKENLENS_TOPICS_REPLICATION_FACTOR", Short.toString(topics.replicationFactor()));
    env.put("TOKENLENS_TOPICS_MIN_INSYNC_REPLICAS", Integer.toString(topics.minInsyncReplicas()));
    return env;
  }

  /** The client port of broker {@code node} (0-based). */
  public int kafkaPort(int node) {
    return kafkaPort + 2 * node;
  }

  /** The KRaft controller port of broker {@code node} (0-based). */
  public int kafkaControllerPort(int node) {
    return kafkaControllerPort + 2 * node;
  }

  /**
   * The topic settings that fit the cluster: replication factor {@code min(3, brokers)} and {@code
   * min.insync.replicas} 2 with three replicas, else 1 (as the schema registry's own topic).
   */
  public TopicSettings topicSettings() {
    return TopicSettings.forBrokers(kafkaBrokers);
  }

  public String schemaRegistryUrl() {
    return "http://" + host + ":" + schemaRegistryPort;
  }

  public String clickhouseHttpUrl() {
    return "http://" + host + ":" + clickhousePort;
  }

  /**
   * The ClickHouse users besides {@code default}, each with its role: the sink's and the reader.
   */
  public List<ClickHouseAccess.User> clickhouseUsers() {
    return List.of(
        new ClickHouseAccess.User(
            CLICKHOUSE_SINK_USER, clickhouseSinkPassword, ClickHouseAccess.SINK_ROLE),
        new ClickHouseAccess.User(
            CLICKHOUSE_READER_USER, clickhouseReaderPassword, ClickHouseAccess.READER_ROLE));
  }

  @Override
  public String toString() {
    return "StackSettings["
        + dataDir
        + ", "
        + kafkaBrokers
        + " broker(s), ports "
        + kafkaPort
        + "/"
        + kafkaControllerPort
        + "/"
        + schemaRegistryPort
        + "/"
        + clickhousePort
        + ", passwords redacted]";
  }

  /** The JDBC URL of the local ClickHouse endpoint; the official driver needs no extra options. */
  public String clickhouseJdbcUrl() {
    return "jdbc:clickhouse://" + host + ":" + clickhousePort + "/default";
  }
}
