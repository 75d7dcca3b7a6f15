package io.tokenlens.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppConfigTest {

  private static final Map<String, String> REQUIRED =
      Map.of(
          StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092",
          StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081");

  @TempDir Path dir;

  @Test
  void shouldUseTheDocumentedDefaults() {
    StreamsAppConfig config = StreamsAppConfig.fromMap(REQUIRED);

    assertThat(config.applicationId()).isEqualTo("tokenlens-streams");
    assertThat(config.numThreads()).isEqualTo(1);
    assertThat(config.dedupWindow()).isEqualTo(Duration.ofHours(6));
    assertThat(config.rollupWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.rollupGrace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.rollupMergeGrace()).isEqualTo(Duration.ofHours(1));
    assertThat(config.topicSettings().namePrefix()).isEmpty();
    assertThat(config.prAttributionWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(config.rocksdbBlockCacheBytes()).isEqualTo(256L << 20);
    assertThat(config.rocksdbWriteBufferBytes()).isEqualTo(128L << 20);
    assertThat(config.streamsProperties().getProperty("max.task.idle.ms")).isEqualTo("-1");
    assertThat(config.streamsProperties().getProperty("producer.compression.type"))
        .isEqualTo("lz4");
  }

  @Test
  void shouldLayerDefaultsThenFileThenEnvironment() throws IOException {
    Path file = dir.resolve("streams.properties");
    Files.writeString(
        file,
        "streams.rollup.grace.ms=5000\nstreams.num.threads=3\nkafka.bootstrap.servers=file:1\n"
            + "schema.registry.url=http://file\n");
    Map<String, String> env = new HashMap<>();
    env.put(StreamsAppConfig.CONFIG_FILE_ENV, file.toString());
    env.put("TOKENLENS_STREAMS_NUM_THREADS", "4");
    env.put("TOKENLENS_KAFKA_MAX_POLL_RECORDS", "250");
    env.put("TOKENLENS_TOPICS_NAME_PREFIX", "it.");

    StreamsAppConfig config = StreamsAppConfig.load(env);

    assertThat(config.rollupGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.numThreads()).isEqualTo(4);
    assertThat(config.bootstrapServers()).isEqualTo("file:1");
    assertThat(config.kafkaOverrides()).containsEntry("max.poll.records", "250");
    assertThat(config.topicSettings().namePrefix()).isEqualTo("it.");
  }

  @Test
  void shouldBuildStreamsPropertiesWithExactlyOnceEventTimeAndTheHandlers() {
    Map<String, String> values = new HashMap<>(REQUIRED);
    values.put("kafka.max.poll.records", "250");
    values.put("schema.registry.basic.auth.user.info", "u:p");
    StreamsAppConfig config = StreamsAppConfig.fromMap(values);

    Properties p = config.streamsProperties();
    assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo("exactly_once_v2");
    assertThat(p.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
    assertThat(p.getProperty(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .endsWith("DeadLetterDeserializationHandler");
    assertThat(p.getProperty(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .endsWith("DeadLetterProcessingHandler");
    assertThat(p.getProperty(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .endsWith("BoundedMemoryRocksDBConfig");
    assertThat(p.getProperty(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG))
        .endsWith("EventTimeExtractor");
    assertThat(p.getProperty("max.poll.records")).isEqualTo("250");
    assertThat(p.getProperty("schema.registry.url")).isEqualTo("http://127.0.0.1:8081");
    assertThat(p.getProperty("schema.registry.basic.auth.user.info")).isEqualTo("u:p");
  }

  @Test
  void shouldKeepNoStandbyReplicasUnlessToldAndReplicateInternalTopicsAsTheCatalog() {
    assertThat(
            StreamsAppConfig.fromMap(REQUIRED)
                .streamsProperties()
                .getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG))
        .isEqualTo("0");

    Map<String, String> cluster = new HashMap<>(REQUIRED);
    cluster.put(StreamsAppConfig.NUM_STANDBY_REPLICAS, "1");
    cluster.put("topics.replication.factor", "3");
    cluster.put("topics.min.insync.replicas", "2");
    Properties p = StreamsAppConfig.fromMap(cluster).streamsProperties();

    assertThat(p.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("1");
    assertThat(p.getProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo("3");
    Map<String, String> passedThrough = new HashMap<>(REQUIRED);
    passedThrough.put("kafka.num.standby.replicas", "1");
    assertThatThrownBy(() -> StreamsAppConfig.fromMap(passedThrough))
        .hasMessageContaining(
            "kafka.num.standby.replicas cannot be set: set streams.num.standby.replicas instead");
  }

  @Test
  void shouldHandOutANewPropertiesObjectEachTime() {
    StreamsAppConfig config = StreamsAppConfig.fromMap(REQUIRED);
    Properties first = config.streamsProperties();
    first.put(StreamsConfig.APPLICATION_ID_CONFIG, "changed");

    assertThat(config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo("tokenlens-streams");
  }

  @Test
  void shouldReportEveryInvalidValueAtOnce() {
    Map<String, String> values = new HashMap<>();
    values.put(StreamsAppConfig.NUM_THREADS, "zero");
    values.put(StreamsAppConfig.ROLLUP_WINDOW_MS, "10");
    values.put(StreamsAppConfig.ROLLUP_GRACE_MS, "-1");
    values.put(StreamsAppConfig.APPLICATION_ID, "bad id");
    values.put("topics.stream.partitions", "0");
    values.put("kafka.processing.guarantee", "at_least_once");
    values.put(StreamsAppConfig.ROCKSDB_WRITE_BUFFER_BYTES, Long.toString(1L << 30));

    assertThatThrownBy(() -> StreamsAppConfig.fromMap(values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "kafka.bootstrap.servers is required (environment variable "
                + "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS)")
        .hasMessageContaining("schema.registry.url is required")
        .hasMessageContaining("streams.num.threads must be an integer but is 'zero'")
        .hasMessageContaining("streams.rollup.window.ms must be at least 1000 but is 10")
        .hasMessageContaining("streams.rollup.grace.ms must be at least 0 but is -1")
        .hasMessageContaining("streams.application.id may hold only")
        .hasMessageContaining("topics.stream.partitions must be at least 1")
        .hasMessageContaining(
            "kafka.processing.guarantee cannot be set: the job always runs exactly_once_v2")
        .hasMessageContaining("streams.rocksdb.write.buffer.bytes");
  }

  @Test
  void shouldRefuseAMergeGraceShorterThanTheWindowGrace() {
    Map<String, String> values = new HashMap<>(REQUIRED);
    values.put(StreamsAppConfig.ROLLUP_GRACE_MS, "120000");
    values.put(StreamsAppConfig.ROLLUP_MERGE_GRACE_MS, "60000");

    assertThatThrownBy(() -> StreamsAppConfig.fromMap(values))
        .hasMessageContaining(
            "streams.rollup.merge.grace.ms (60000) must be at least streams.rollup.grace.ms (120000)");
  }

  @Test
  void shouldDefaultAndValidateTheIncidentAndAlertSettings() {
    Map<String, String> values = new HashMap<>();
    values.put(StreamsAppConfig.BOOTSTRAP_SERVERS, "localhost:9092");
    values.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://config-test");
    StreamsAppConfig config = StreamsAppConfig.fromMap(values);
    assertThat(config.incidents().window()).isEqualTo(java.time.Duration.ofHours(72));
    assertThat(config.alerts().burnMinUsd()).isEqualTo(5.0);
    assertThat(config.alerts().burnZThreshold()).isEqualTo(3.0);

    values.put(
        IncidentLinkSettings.WINDOW_MS, Long.toString(java.time.Duration.ofDays(30).toMillis()));
    values.put(AlertSettings.BURN_MIN_USD, "lots");
    values.put(AlertSettings.BURN_Z_THRESHOLD, "-2");
    values.put(AlertSettings.BASELINE_RETENTION_MS, "86400000");
    assertThatThrownBy(() -> StreamsAppConfig.fromMap(values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "streams.incident.retention.ms (1209600000) must be at least "
                + "streams.incident.link.window.ms (2592000000)")
        .hasMessageContaining("streams.alerts.burn.min.usd must be a number but is 'lots'")
        .hasMessageContaining(
            "streams.alerts.burn.z.threshold must be a finite number of at least 0.0 but is -2")
        .hasMessageContaining("streams.alerts.baseline.retention.ms must be at least 691200000");
  }
}
