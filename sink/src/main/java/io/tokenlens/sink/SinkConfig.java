package io.tokenlens.sink;

import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sink's configuration: defaults in code, overridden by a properties file, then by environment
 * variables ({@code TOKENLENS_} + the key upper-cased with dots as underscores, e.g. {@code
 * TOKENLENS_SINK_BATCH_MAX_ROWS}). {@code kafka.*} keys pass through to the Kafka clients ({@link
 * KafkaClientSettings}: {@code kafka.consumer.*} to the consumer alone, {@code kafka.producer.*} to
 * the dead-letter producer alone), {@code schema.registry.*} and the other serde keys to the Avro
 * serdes, {@code topics.*} to {@link TopicSettings}. Every invalid value is reported at once.
 */
public record SinkConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    URI clickhouseEndpoint,
    String clickhouseDatabase,
    String clickhouseUser,
    String clickhousePassword,
    ClickHouseCredentials migrationsCredentials,
    ClickHouseCredentials readerCredentials,
    Duration clickhouseSocketTimeout,
    ClickHouseWriter.RequestCompression clickhouseRequestCompression,
    ClusterDdl clickhouseDdl,
    String groupId,
    List<Topic<?>> topics,
    TopicSettings topicSettings,
    int batchMaxRows,
    Duration batchMaxWait,
    Duration batchCatchUpMaxWait,
    int insertMaxPartitions,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    Duration unknownSchemaIdWait,
    String metricsHost,
    int metricsPort,
    boolean migrationsEnabled,
    KafkaClientSettings kafka,
    Map<String, String> serdeConfig) {

  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String CLICKHOUSE_URL = "clickhouse.url";
  public static final String CLICKHOUSE_DATABASE = "clickhouse.database";
  public static final String CLICKHOUSE_USER = "clickhouse.user";
  public static final String CLICKHOUSE_PASSWORD = "clickhouse.password";
  public static final String CLICKHOUSE_MIGRATIONS_USER = "clickhouse.migrations.user";
  public static final String CLICKHOUSE_MIGRATIONS_PASSWORD = "clickhouse.migrations.password";
  public static final String CLICKHOUSE_READER_USER = "clickhouse.reader.user";
  public static final String CLICKHOUSE_READER_PASSWORD = "clickhouse.reader.password";
  public static final String CLICKHOUSE_SOCKET_TIMEOUT_MS = "clickhouse.socket.timeout.ms";
  public static final String CLICKHOUSE_REQUEST_COMPRESSION = "clickhouse.request.compression";
  public static final String CLICKHOUSE_CLUSTER = "clickhouse.cluster";
  public static final String CLICKHOUSE_CLUSTER_REPLICA_PATH = "clickhouse.cluster.replica.path";
  public static final String GROUP_ID = "sink.group.id";
  public static final String TOPICS = "sink.topics";
  public static final String BATCH_MAX_ROWS = "sink.batch.max.rows";
  public static final String BATCH_MAX_WAIT_MS = "sink.batch.max.wait.ms";
  public static final String BATCH_CATCHUP_MAX_WAIT_MS = "sink.batch.catchup.max.wait.ms";
  public static final String INSERT_MAX_PARTITIONS = "sink.insert.max.partitions";
  public static final String RETRY_INITIAL_BACKOFF_MS = "sink.retry.initial.backoff.ms";
  public static final String RETRY_MAX_BACKOFF_MS = "sink.retry.max.backoff.ms";
  public static final String UNKNOWN_SCHEMA_ID_WAIT_MS = "sink.unknown.schema.id.wait.ms";
  public static final String METRICS_HOST = "sink.metrics.host";
  public static final String METRICS_PORT = "sink.metrics.port";
  public static final String MIGRATIONS_ENABLED = "sink.migrations.enabled";

  /** Environment variable naming a properties file to read before the environment. */
  public static final String CONFIG_FILE_ENV = "TOKENLENS_SINK_CONFIG";

  private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";

  /** The defaults, as documented in docs/configuration.md. */
  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(CLICKHOUSE_URL, "http://127.0.0.1:8123");
    d.put(CLICKHOUSE_USER, "default");
    d.put(CLICKHOUSE_PASSWORD, "");
    d.put(CLICKHOUSE_MIGRATIONS_USER, "default");
    d.put(CLICKHOUSE_MIGRATIONS_PASSWORD, "");
    d.put(CLICKHOUSE_READER_USER, ClickHouseAccess.READER_ROLE);
    d.put(CLICKHOUSE_READER_PASSWORD, "");
    d.put(CLICKHOUSE_SOCKET_TIMEOUT_MS, "30000");
    d.put(CLICKHOUSE_REQUEST_COMPRESSION, "none");
    d.put(CLICKHOUSE_CLUSTER, "");
    d.put(CLICKHOUSE_CLUSTER_REPLICA_PATH, ClusterDdl.DEFAULT_REPLICA_PATH);
    d.put(GROUP_ID, "tokenlens-sink");
    d.put(TOPICS, String.join(",", SinkTables.all().stream().map(m -> m.topic().name()).toList()));
    d.put(BATCH_MAX_ROWS, "50000");
    d.put(BATCH_MAX_WAIT_MS, "400");
    d.put(BATCH_CATCHUP_MAX_WAIT_MS, "10000");
    d.put(INSERT_MAX_PARTITIONS, Integer.toString(GroupPlan.MAX_MEMBERS));
    d.put(RETRY_INITIAL_BACKOFF_MS, "200");
    d.put(RETRY_MAX_BACKOFF_MS, "30000");
    d.put(UNKNOWN_SCHEMA_ID_WAIT_MS, "60000");
    d.put(METRICS_HOST, "127.0.0.1");
    d.put(METRICS_PORT, "9464");
    d.put(MIGRATIONS_ENABLED, "true");
    return d;
  }

  /** Defaults, then the file named by {@value #CONFIG_FILE_ENV} (if any), then the environment. */
  public static SinkConfig load(Map<String, String> env) {
    return fromMap(ConfigLayers.layer(defaults(), knownKeys(), CONFIG_FILE_ENV, env));
  }

  /** Every documented key (including the ones without a default), for the environment lookup. */
  private static Set<String> knownKeys() {
    Set<String> known = new LinkedHashSet<>(defaults().keySet());
    known.addAll(
        List.of(
            BOOTSTRAP_SERVERS,
            SCHEMA_REGISTRY_URL,
            CLICKHOUSE_DATABASE,
            TopicSettings.NAME_PREFIX,
            TopicSettings.STREAM_PARTITIONS,
            TopicSettings.REPLICATION_FACTOR,
            TopicSettings.MIN_INSYNC_REPLICAS));
    return known;
  }

  /**
   * The environment variable of a key: {@code sink.batch.max.rows} is {@code
   * TOKENLENS_SINK_BATCH_MAX_ROWS}.
   */
  public static String envName(String key) {
    return ConfigLayers.envName(key);
  }

  /** Builds and validates a configuration from flat keys; reports every error at once. */
  public static SinkConfig fromMap(Map<String, String> raw) {
    Map<String, String> values = new LinkedHashMap<>(defaults());
    values.putAll(raw);
    ConfigReader reader = new ConfigReader(values);

    String bootstrap = reader.required(BOOTSTRAP_SERVERS);
    String registry = reader.required(SCHEMA_REGISTRY_URL);
    URI endpoint = null;
    String database = reader.string(CLICKHOUSE_DATABASE);
    try {
      ClickHouseUrl url = ClickHouseUrl.parse(values.get(CLICKHOUSE_URL));
      endpoint = url.endpoint();
      if (database == null || database.isBlank()) {
        database = url.database();
      }
    } catch (IllegalArgumentException e) {
      reader.error(CLICKHOUSE_URL + ": " + e.getMessage());
    }
    if (database == null || !database.matches(IDENTIFIER)) {
      reader.error(CLICKHOUSE_DATABASE + " must be a plain identifier but is '" + database + "'");
    }
    String user = identifier(reader, CLICKHOUSE_USER);
    String migrationsUser = identifier(reader, CLICKHOUSE_MIGRATIONS_USER);
    String readerUser = identifier(reader, CLICKHOUSE_READER_USER);
    if (!user.equals(migrationsUser) && values.get(CLICKHOUSE_PASSWORD).isEmpty()) {
      reader.error(
          CLICKHOUSE_PASSWORD
              + " is required when "
              + CLICKHOUSE_USER
              + " ("
              + user
              + ") is not "
              + CLICKHOUSE_MIGRATIONS_USER
              + " ("
              + migrationsUser
              + "): the migrations create that user with it");
    }
    if (readerUser.equals(user) || readerUser.equals(migrationsUser)) {
      reader.error(
          CLICKHOUSE_READER_USER
              + " ("
              + readerUser
              + ") must differ from "
              + CLICKHOUSE_USER
              + " and "
              + CLICKHOUSE_MIGRATIONS_USER
              + ": the reader may only read");
    }
    Duration socketTimeout = reader.millisAtLeast(CLICKHOUSE_SOCKET_TIMEOUT_MS, 1);
    ClickHouseWriter.RequestCompression compression =
        reader.choice(
            CLICKHOUSE_REQUEST_COMPRESSION,
            ClickHouseWriter.RequestCompression.class,
            ClickHouseWriter.RequestCompression.NONE);
    ClusterDdl ddl = ClusterDdl.singleServer();
    String cluster = reader.string(CLICKHOUSE_CLUSTER, "").strip();
    if (!cluster.isEmpty()) {
      try {
        ddl = ClusterDdl.onCluster(cluster, values.get(CLICKHOUSE_CLUSTER_REPLICA_PATH));
      } catch (IllegalArgumentException e) {
        reader.error(CLICKHOUSE_CLUSTER + ": " + e.getMessage());
      }
    }
    int maxRows = reader.intAtLeast(BATCH_MAX_ROWS, 1);
    Duration maxWait = reader.millisAtLeast(BATCH_MAX_WAIT_MS, 1);
    Duration catchUpWait = reader.millisAtLeast(BATCH_CATCHUP_MAX_WAIT_MS, 1);
    reader.requireAtLeast(BATCH_CATCHUP_MAX_WAIT_MS, catchUpWait, BATCH_MAX_WAIT_MS, maxWait);
    int insertMaxPartitions = reader.intAtLeast(INSERT_MAX_PARTITIONS, 1);
    if (insertMaxPartitions > GroupPlan.MAX_MEMBERS) {
      reader.error(
          INSERT_MAX_PARTITIONS
              + " ("
              + insertMaxPartitions
              + ") must be at most "
              + GroupPlan.MAX_MEMBERS
              + ": every partition of an insert records the whole plan in its offset metadata, which Kafka limits to "
              + "4096 bytes by default (offset.metadata.max.bytes)");
    }
    Duration initialBackoff = reader.millisAtLeast(RETRY_INITIAL_BACKOFF_MS, 1);
    Duration maxBackoff = reader.millisAtLeast(RETRY_MAX_BACKOFF_MS, 1);
    reader.requireAtLeast(
        RETRY_MAX_BACKOFF_MS, maxBackoff, RETRY_INITIAL_BACKOFF_MS, initialBackoff);
    Duration unknownSchemaIdWait = reader.millisAtLeast(UNKNOWN_SCHEMA_ID_WAIT_MS, 0);
    String metricsHost = reader.required(METRICS_HOST);
    int metricsPort = reader.intBetween(METRICS_PORT, -1, 65_535);
    boolean migrations = reader.bool(MIGRATIONS_ENABLED);
    String groupId = reader.required(GROUP_ID);

    List<Topic<?>> topics = new ArrayList<>();
    for (String name : reader.string(TOPICS, "").split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      SinkTables.forTopic(trimmed)
          .ifPresentOrElse(
              m -> topics.add(m.topic()),
              () ->
                  reader.error(
                      TOPICS
                          + ": no table for topic '"
                          + trimmed
                          + "' (known: "
                          + String.join(
                              ", ", SinkTables.all().stream().map(m -> m.topic().name()).toList())
                          + ")"));
    }
    if (topics.isEmpty() && reader.errors().stream().noneMatch(e -> e.startsWith(TOPICS))) {
      reader.error(TOPICS + " must name at least one topic");
    }

    TopicSettings settings = null;
    try {
      settings = TopicSettings.fromConfig(values);
    } catch (IllegalArgumentException e) {
      reader.error(e.getMessage());
    }

    Map<String, String> serde = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith("schema.registry.")
              || k.startsWith("basic.auth.")
              || k.startsWith("bearer.auth.")) {
            serde.put(k, v);
          }
        });
    // Refuse settings that would break the delivery guarantees, and say why.
    List<String> kafkaErrors = new ArrayList<>();
    KafkaClientSettings kafka = KafkaClientSettings.split(values, GROUP_ID, kafkaErrors);
    kafkaErrors.forEach(reader::error);

    reader.throwIfInvalid("sink");
    return new SinkConfig(
        bootstrap,
        registry,
        endpoint,
        database,
        user,
        values.get(CLICKHOUSE_PASSWORD),
        new ClickHouseCredentials(migrationsUser, values.get(CLICKHOUSE_MIGRATIONS_PASSWORD)),
        new ClickHouseCredentials(readerUser, values.get(CLICKHOUSE_READER_PASSWORD)),
        socketTimeout,
        compression,
        ddl,
        groupId,
        List.copyOf(topics),
        settings,
        maxRows,
        maxWait,
        catchUpWait,
        insertMaxPartitions,
        initialBackoff,
        maxBackoff,
        unknownSchemaIdWait,
        metricsHost,
        metricsPort,
        migrations,
        kafka,
        Map.copyOf(serde));
  }

  /** A ClickHouse user name: a plain identifier. */
  private static String identifier(ConfigReader reader, String key) {
    String value = reader.string(key, "");
    if (!value.matches(IDENTIFIER)) {
      reader.error(key + " must be a plain identifier but is '" + value + "'");
    }
    return value;
  }

  /**
   * The users the migrations create, each with its role: the sink's own ({@value #CLICKHOUSE_USER},
   * INSERT only) unless it is the migrations user, and the reader ({@value
   * #CLICKHOUSE_READER_USER}, SELECT only) when {@value #CLICKHOUSE_READER_PASSWORD} is set. Empty:
   * one user does everything, nothing is created.
   */
  public List<ClickHouseAccess.User> accessUsers() {
    List<ClickHouseAccess.User> users = new ArrayList<>();
    if (!clickhouseUser.equals(migrationsCredentials.user())) {
      users.add(
          new ClickHouseAccess.User(
              clickhouseUser, clickhousePassword, ClickHouseAccess.SINK_ROLE));
    }
    if (!readerCredentials.password().isEmpty()) {
      users.add(
          new ClickHouseAccess.User(
              readerCredentials.user(),
              readerCredentials.password(),
              ClickHouseAccess.READER_ROLE));
    }
    return List.copyOf(users);
  }

  /** The configuration of the Avro serdes: the registry URL and every serde key given. */
  public Map<String, Object> serdeProperties() {
    Map<String, Object> m = new LinkedHashMap<>(serdeConfig);
    m.put(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    return m;
  }
}
