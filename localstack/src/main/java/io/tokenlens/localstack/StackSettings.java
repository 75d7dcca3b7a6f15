package io.tokenlens.localstack;

import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *   TOKENLENS_SCHEMA_REGISTRY_PORT    schema registry port  default 8081
 *   TOKENLENS_CLICKHOUSE_PORT         ClickHouse HTTP port  default 8123
 *   TOKENLENS_KAFKA_HEAP              broker -Xmx           default 1g
 *   TOKENLENS_CLICKHOUSE_SINK_PASSWORD    password of the ClickHouse user tokenlens_sink    default tokenlens-sink-local
 *   TOKENLENS_CLICKHOUSE_READER_PASSWORD  password of the ClickHouse user tokenlens_reader  default tokenlens-reader-local
 * </pre>
 *
 * The ClickHouse endpoint's administrating user is {@code default} without password, as in a fresh
 * clickhouse-server; the endpoint binds loopback only.
 */
public record StackSettings(
    Path repoRoot,
    Path dataDir,
    String host,
    int kafkaPort,
    int kafkaControllerPort,
    int schemaRegistryPort,
    int clickhousePort,
    String kafkaHeap,
    String clickhouseSinkPassword,
    String clickhouseReaderPassword) {

  public static final String HOST = "127.0.0.1";

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
    String heap = env.getOrDefault("TOKENLENS_KAFKA_HEAP", "1g");
    if (!heap.matches("\\d+[kKmMgG]")) {
      errors.add("TOKENLENS_KAFKA_HEAP must look like 512m or 1g, got '" + heap + "'");
    }
    if (List.of(kafka, controller, registry, clickhouse).stream().distinct().count() != 4) {
      errors.add("the Kafka, controller, schema registry and ClickHouse ports must all differ");
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
        registry,
        clickhouse,
        heap,
        sinkPassword,
        readerPassword);
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

  public String kafkaBootstrapServers() {
    return host + ":" + kafkaPort;
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
        + ", ports "
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
