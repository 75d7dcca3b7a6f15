package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.streams.errors.DeadLetterDeserializationHandler;
import io.tokenlens.streams.errors.DeadLetterProcessingHandler;
import io.tokenlens.streams.state.BoundedMemoryRocksDBConfig;
import io.tokenlens.streams.topology.EventTimeExtractor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streams job's configuration: defaults in code, overridden by a properties file, then by
 * environment variables (see {@link ConfigLayers}). {@code kafka.*} keys pass through to Kafka
 * Streams and its clients, {@code schema.registry.*} keys to the Avro serdes, {@code topics.*} to
 * {@link TopicSettings}. Every invalid value is reported at once. Immutable; {@link
 * #streamsProperties()} builds a fresh {@link Properties} on every call.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry URL(s)
 * @param applicationId Kafka Streams application id: consumer group, prefix of internal topics
 * @param stateDir directory of the local state stores
 * @param numThreads stream threads
 * @param numStandbyReplicas warm copies of each task's state kept by other instances of the job,
 *     which take a failed instance's tasks over without restoring their stores from the changelogs
 * @param commitInterval commit (transaction) interval
 * @param topicSettings topic name prefix and cluster sizing
 * @param dedupWindow how long an event id is remembered (processing time)
 * @param rollupWindow size of the rollup windows
 * @param rollupGrace how long after a window's end late records are still counted in it
 * @param rollupMergeGrace how long after a window's end the partial sums of tasks that are behind
 *     are still added to its total
 * @param prAttributionWindow how long before a pull request's activity its author's unmatched
 *     requests in the repository are attributed to it
 * @param prClosedRetention how long (in event time, behind the newest close processed) a merged or
 *     closed pull request's final attribution is kept under its branch for requests of the branch
 *     processed after the close; at least {@code prAttributionWindow}
 * @param prAttributionEmitInterval how often a task emits the latest attribution of each pull
 *     request it updated (every update coalesced into one record per pull request and interval);
 *     zero emits every update at once
 * @param incidents the incident ↔ pull-request links
 * @param alerts the burn and budget alerts
 * @param rocksdbBlockCacheBytes the block cache shared by every RocksDB store of the process
 * @param rocksdbWriteBufferBytes the part of that cache memtables may take
 * @param detectors thresholds of the waste detectors ({@code streams.detect.*})
 * @param kafkaOverrides {@code kafka.*} keys without the prefix
 * @param serdeConfig {@code schema.registry.*} keys as given
 * @param unknownSchemaIdWait how long a schema id the registry answers 404 for is asked again
 *     before its records are dead-lettered, from the first 404 for that id
 */
public record StreamsAppConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String applicationId,
    Path stateDir,
    int numThreads,
    int numStandbyReplicas,
    Duration commitInterval,
    TopicSettings topicSettings,
    Duration dedupWindow,
    Duration rollupWindow,
    Duration rollupGrace,
    Duration rollupMergeGrace,
    Duration prAttributionWindow,
    Duration prClosedRetention,
    Duration prAttributionEmitInterval,
    IncidentLinkSettings incidents,
    AlertSettings alerts,
    long rocksdbBlockCacheBytes,
    long rocksdbWriteBufferBytes,
    DetectorConfig detectors,
    Map<String, String> kafkaOverrides,
    Map<String, String> serdeConfig,
    Duration unknownSchemaIdWait) {

  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String APPLICATION_ID = "streams.application.id";
  public static final String STATE_DIR = "streams.state.dir";
  public static final String NUM_THREADS = "streams.num.threads";
  public static final String NUM_STANDBY_REPLICAS = "streams.num.standby.replicas";
  public static final String COMMIT_INTERVAL_MS = "streams.commit.interval.ms";
  public static final String DEDUP_WINDOW_MS = "streams.dedup.window.ms";
  public static final String ROLLUP_WINDOW_MS = "streams.rollup.window.ms";
  public static final String ROLLUP_GRACE_MS = "streams.rollup.grace.ms";
  public static final String ROLLUP_MERGE_GRACE_MS = "streams.rollup.merge.grace.ms";
  public static final String PR_ATTRIBUTION_WINDOW_MS = "streams.pr.attribution.window.ms";
  public static final String PR_CLOSED_RETENTION_MS = "streams.pr.attribution.closed.retention.ms";
  public static final String PR_ATTRIBUTION_EMIT_INTERVAL_MS =
      "streams.pr.attribution.emit.interval.ms";

  /**
   * How long records whose schema id the registry answers 404 for are read again before being
   * dead-lettered.
   */
  public static final String UNKNOWN_SCHEMA_ID_WAIT_MS = "streams.unknown.schema.id.wait.ms";

  /**
   * How long a task with several inputs (PR attribution, incident links, the engineer detectors)
   * waits for an input that has no buffered records before processing the others out of event-time
   * order. The job's default, -1, never waits: every such task tolerates out-of-order inputs within
   * its windows and grace, and the session detectors, which read two collector topics, are
   * co-partitioned with them. Any other value makes Kafka 4.3 format a log message per empty input
   * partition each time a task is polled; replays of recorded days set it (the evaluation does).
   */
  public static final String MAX_TASK_IDLE_MS = "kafka." + StreamsConfig.MAX_TASK_IDLE_MS_CONFIG;

  /**
   * Compression of everything the job produces: lz4 costs the least CPU per byte of Kafka's codecs.
   */
  public static final String PRODUCER_COMPRESSION =
      "kafka." + StreamsConfig.PRODUCER_PREFIX + ProducerConfig.COMPRESSION_TYPE_CONFIG;

  public static final String ROCKSDB_BLOCK_CACHE_BYTES =
      BoundedMemoryRocksDBConfig.BLOCK_CACHE_BYTES;
  public static final String ROCKSDB_WRITE_BUFFER_BYTES =
      BoundedMemoryRocksDBConfig.WRITE_BUFFER_BYTES;

  /** Environment variable naming a properties file read before the environment. */
  public static final String CONFIG_FILE_ENV = "TOKENLENS_STREAMS_CONFIG";

  /**
   * Kafka settings the job owns; setting them through {@code kafka.*} is refused with the reason.
   */
  private static final Map<String, String> OWNED_KAFKA_KEYS =
      Map.of(
          StreamsConfig.APPLICATION_ID_CONFIG, "set " + APPLICATION_ID + " instead",
          StreamsConfig.STATE_DIR_CONFIG, "set " + STATE_DIR + " instead",
          StreamsConfig.NUM_STREAM_THREADS_CONFIG, "set " + NUM_THREADS + " instead",
          StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "set " + NUM_STANDBY_REPLICAS + " instead",
          StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "set " + COMMIT_INTERVAL_MS + " instead",
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "the job always runs exactly_once_v2",
          StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
              "event time is read from the payloads",
          StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
              "failures go to the dead-letter topics",
          StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
              "failures go to the dead-letter topics",
          StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
              "set " + ROCKSDB_BLOCK_CACHE_BYTES + " instead");

  public StreamsAppConfig {
    kafkaOverrides = Map.copyOf(kafkaOverrides);
    serdeConfig = Map.copyOf(serdeConfig);
  }

  /** The defaults, as documented in docs/configuration.md. */
  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(APPLICATION_ID, "tokenlens-streams");
    d.put(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "tokenlens-streams").toString());
    d.put(NUM_THREADS, "1");
    d.put(NUM_STANDBY_REPLICAS, "0");
    d.put(COMMIT_INTERVAL_MS, "100");
    d.put(DEDUP_WINDOW_MS, Long.toString(Duration.ofHours(6).toMillis()));
    d.put(ROLLUP_WINDOW_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(ROLLUP_GRACE_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(ROLLUP_MERGE_GRACE_MS, Long.toString(Duration.ofHours(1).toMillis()));
    d.put(PR_ATTRIBUTION_WINDOW_MS, Long.toString(Duration.ofHours(24).toMillis()));
    d.put(UNKNOWN_SCHEMA_ID_WAIT_MS, "60000");
    d.put(PR_CLOSED_RETENTION_MS, Long.toString(Duration.ofDays(7).toMillis()));
    d.put(PR_ATTRIBUTION_EMIT_INTERVAL_MS, "1000");
    d.put(MAX_TASK_IDLE_MS, "-1");
    d.put(PRODUCER_COMPRESSION, "lz4");
    IncidentLinkSettings.defaults(d);
    AlertSettings.defaults(d);
    d.put(ROCKSDB_BLOCK_CACHE_BYTES, Long.toString(256L << 20));
    d.put(ROCKSDB_WRITE_BUFFER_BYTES, Long.toString(128L << 20));
    d.putAll(DetectorConfig.defaults());
    return d;
  }

  /** Every documented key (including the ones without a default), for the environment lookup. */
  public static Set<String> knownKeys() {
    Set<String> keys = new LinkedHashSet<>(defaults().keySet());
    keys.addAll(
        List.of(
            BOOTSTRAP_SERVERS,
            SCHEMA_REGISTRY_URL,
            TopicSettings.NAME_PREFIX,
            TopicSettings.STREAM_PARTITIONS,
            TopicSettings.REPLICATION_FACTOR,
            TopicSettings.MIN_INSYNC_REPLICAS));
    return keys;
  }

  /** Defaults, then the file named by {@value #CONFIG_FILE_ENV} (if any), then the environment. */
  public static StreamsAppConfig load(Map<String, String> env) {
    return fromMap(ConfigLayers.layer(defaults(), knownKeys(), CONFIG_FILE_ENV, env));
  }

  /**
   * Builds and validates a configuration from flat keys over the defaults; reports every error at
   * once.
   */
  public static StreamsAppConfig fromMap(Map<String, String> raw) {
    Map<String, String> values = new LinkedHashMap<>(defaults());
    values.putAll(raw);
    ConfigReader reader = new ConfigReader(values);

    String bootstrap = reader.required(BOOTSTRAP_SERVERS);
    String registry = reader.required(SCHEMA_REGISTRY_URL);
    String applicationId = reader.required(APPLICATION_ID);
    if (applicationId != null && !applicationId.matches("[a-zA-Z0-9._-]+")) {
      reader.error(
          APPLICATION_ID
              + " may hold only letters, digits, '.', '_' and '-' but is '"
              + applicationId
              + "'");
    }
    String stateDir = reader.required(STATE_DIR);
    int threads = reader.intAtLeast(NUM_THREADS, 1);
    int standbys = reader.intAtLeast(NUM_STANDBY_REPLICAS, 0);
    Duration commit = reader.millisAtLeast(COMMIT_INTERVAL_MS, 1);
    Duration dedup = reader.millisAtLeast(DEDUP_WINDOW_MS, 1000);
    Duration window = reader.millisAtLeast(ROLLUP_WINDOW_MS, 1000);
    Duration grace = reader.millisAtLeast(ROLLUP_GRACE_MS, 0);
    Duration mergeGrace = reader.millisAtLeast(ROLLUP_MERGE_GRACE_MS, 0);
    reader.requireAtLeast(ROLLUP_MERGE_GRACE_MS, mergeGrace, ROLLUP_GRACE_MS, grace);
    Duration prWindow = reader.millisAtLeast(PR_ATTRIBUTION_WINDOW_MS, 1000);
    Duration prClosed = reader.millisAtLeast(PR_CLOSED_RETENTION_MS, 1000);
    reader.requireAtLeast(PR_CLOSED_RETENTION_MS, prClosed, PR_ATTRIBUTION_WINDOW_MS, prWindow);
    Duration prEmitInterval = reader.millisAtLeast(PR_ATTRIBUTION_EMIT_INTERVAL_MS, 0);
    IncidentLinkSettings incidents = IncidentLinkSettings.read(reader);
    AlertSettings alerts = AlertSettings.read(reader);
    long blockCache = reader.longAtLeast(ROCKSDB_BLOCK_CACHE_BYTES, 1L << 20);
    long writeBuffer = reader.longAtLeast(ROCKSDB_WRITE_BUFFER_BYTES, 1L << 20);
    DetectorConfig detectors = DetectorConfig.read(reader);
    Duration unknownSchemaIdWait = reader.millisAtLeast(UNKNOWN_SCHEMA_ID_WAIT_MS, 0);
    if (writeBuffer > blockCache) {
      reader.error(
          ROCKSDB_WRITE_BUFFER_BYTES
              + " ("
              + writeBuffer
              + ") must be at most "
              + ROCKSDB_BLOCK_CACHE_BYTES
              + " ("
              + blockCache
              + "): memtables are charged to the block cache");
    }

    TopicSettings topics = null;
    try {
      topics = TopicSettings.fromConfig(values);
    } catch (IllegalArgumentException e) {
      reader.error(e.getMessage());
    }

    Map<String, String> kafka = reader.withPrefix("kafka.");
    kafka.remove("bootstrap.servers");
    Map<String, String> serde = serdeKeys(values);
    OWNED_KAFKA_KEYS.forEach(
        (key, reason) -> {
          if (kafka.containsKey(key)) {
            reader.error("kafka." + key + " cannot be set: " + reason);
          }
        });

    reader.throwIfInvalid("streams");
    return new StreamsAppConfig(
        bootstrap,
        registry,
        applicationId,
        Path.of(stateDir),
        threads,
        standbys,
        commit,
        topics,
        dedup,
        window,
        grace,
        mergeGrace,
        prWindow,
        prClosed,
        prEmitInterval,
        incidents,
        alerts,
        blockCache,
        writeBuffer,
        detectors,
        kafka,
        serde,
        unknownSchemaIdWait);
  }

  /** The {@code schema.registry.*} keys as given, but the URL: the Avro serdes' own settings. */
  static Map<String, String> serdeKeys(Map<String, String> values) {
    Map<String, String> serde = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith("schema.registry.") && !key.equals(SCHEMA_REGISTRY_URL)) {
            serde.put(key, value);
          }
        });
    return serde;
  }

  /**
   * The same configuration with another topic name prefix and application id (tests, benchmarks).
   */
  public StreamsAppConfig withNamespace(String topicPrefix, String appId) {
    return new StreamsAppConfig(
        bootstrapServers,
        schemaRegistryUrl,
        appId,
        stateDir,
        numThreads,
        numStandbyReplicas,
        commitInterval,
        topicSettings.withNamePrefix(topicPrefix),
        dedupWindow,
        rollupWindow,
        rollupGrace,
        rollupMergeGrace,
        prAttributionWindow,
        prClosedRetention,
        prAttributionEmitInterval,
        incidents,
        alerts,
        rocksdbBlockCacheBytes,
        rocksdbWriteBufferBytes,
        detectors,
        kafkaOverrides,
        serdeConfig,
        unknownSchemaIdWait);
  }

  /**
   * The configuration of the Avro serdes: the registry URL and every {@code schema.registry.*} key
   * given.
   */
  public Map<String, Object> serdeProperties() {
    Map<String, Object> m = new LinkedHashMap<>(serdeConfig);
    m.put(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    return m;
  }

  /**
   * Settings the error handlers and the RocksDB config setter read back from the Kafka Streams
   * configuration.
   */
  public Map<String, Object> componentProperties() {
    Map<String, Object> m = serdeProperties();
    m.put(TopicSettings.NAME_PREFIX, topicSettings.namePrefix());
    m.put(ROCKSDB_BLOCK_CACHE_BYTES, Long.toString(rocksdbBlockCacheBytes));
    m.put(ROCKSDB_WRITE_BUFFER_BYTES, Long.toString(rocksdbWriteBufferBytes));
    m.put(UNKNOWN_SCHEMA_ID_WAIT_MS, Long.toString(unknownSchemaIdWait.toMillis()));
    return m;
  }

  /**
   * A new {@link Properties} for {@code KafkaStreams}: exactly-once v2, event-time extraction, the
   * dead-letter handlers, bounded RocksDB memory, then the {@code kafka.*} overrides.
   */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(numThreads));
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(numStandbyReplicas));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(
        StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class.getName());
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    p.put(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
        BoundedMemoryRocksDBConfig.class.getName());
    p.put(
        StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(topicSettings.replicationFactor()));
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
    componentProperties().forEach(p::put);
    kafkaOverrides.forEach(p::put);
    return p;
  }
}
