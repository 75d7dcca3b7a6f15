package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put(SinkConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
    m.put(SinkConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081");
    return m;
  }

  private static Map<String, String> minimalWith(String key, String value) {
    Map<String, String> m = minimal();
    m.put(key, value);
    return m;
  }

  @Test
  void shouldUseTheDocumentedDefaults() {
    SinkConfig c = SinkConfig.fromMap(minimal());
    assertThat(c.batchMaxRows()).isEqualTo(50_000);
    assertThat(c.batchMaxWait().toMillis()).isEqualTo(400);
    assertThat(c.batchCatchUpMaxWait().toMillis()).isEqualTo(10_000);
    assertThat(c.insertMaxPartitions()).isEqualTo(64);
    assertThat(c.clickhouseEndpoint().toString()).isEqualTo("http://127.0.0.1:8123");
    assertThat(c.clickhouseDatabase()).isEqualTo("default");
    assertThat(c.groupId()).isEqualTo("tokenlens-sink");
    assertThat(c.metricsHost()).isEqualTo("127.0.0.1");
    assertThat(c.metricsPort()).isEqualTo(9464);
    assertThat(c.topics())
        .hasSize(SinkTables.all().size())
        .contains(Topics.TOKEN_USAGE_ENRICHED, Topics.DIRECTORY);
    assertThat(c.topicSettings().namePrefix()).isEmpty();
    assertThat(c.unknownSchemaIdWait().toMillis()).isEqualTo(60_000);
    assertThat(c.clickhouseRequestCompression())
        .isEqualTo(ClickHouseWriter.RequestCompression.NONE);
  }

  @Test
  void shouldReadTheRequestCompressionInAnyCaseAndRefuseAnUnknownOne() {
    assertThat(
            SinkConfig.fromMap(minimalWith(SinkConfig.CLICKHOUSE_REQUEST_COMPRESSION, "LZ4"))
                .clickhouseRequestCompression())
        .isEqualTo(ClickHouseWriter.RequestCompression.LZ4);
    assertThatThrownBy(
            () ->
                SinkConfig.fromMap(minimalWith(SinkConfig.CLICKHOUSE_REQUEST_COMPRESSION, "zstd")))
        .hasMessageContaining(
            "clickhouse.request.compression must be one of NONE, LZ4 but is 'zstd'");
  }

  @Test
  void shouldAcceptNoWaitForUnknownSchemaIdsButNotANegativeOne() {
    assertThat(
            SinkConfig.fromMap(minimalWith(SinkConfig.UNKNOWN_SCHEMA_ID_WAIT_MS, "0"))
                .unknownSchemaIdWait())
        .isZero();
    assertThatThrownBy(
            () -> SinkConfig.fromMap(minimalWith(SinkConfig.UNKNOWN_SCHEMA_ID_WAIT_MS, "-1")))
        .hasMessageContaining("sink.unknown.schema.id.wait.ms must be at least 0 but is -1");
  }

  @Test
  void shouldCreateNoUserWhenOneUserDoesEverything() {
    SinkConfig c = SinkConfig.fromMap(minimal());
    assertThat(c.clickhouseUser()).isEqualTo("default");
    assertThat(c.migrationsCredentials().user()).isEqualTo("default");
    assertThat(c.accessUsers()).isEmpty();
  }

  @Test
  void shouldCreateTheSinkAndReaderUsersWithTheirRolesWhenTheyAreSeparate() {
    Map<String, String> m = minimal();
    m.put(SinkConfig.CLICKHOUSE_USER, "tokenlens_sink");
    m.put(SinkConfig.CLICKHOUSE_PASSWORD, "sink-secret-1");
    m.put(SinkConfig.CLICKHOUSE_MIGRATIONS_USER, "ddl");
    m.put(SinkConfig.CLICKHOUSE_MIGRATIONS_PASSWORD, "ddl-secret-1");
    m.put(SinkConfig.CLICKHOUSE_READER_PASSWORD, "reader-secret-1");
    SinkConfig c = SinkConfig.fromMap(m);
    assertThat(c.migrationsCredentials())
        .isEqualTo(new ClickHouseCredentials("ddl", "ddl-secret-1"));
    assertThat(c.accessUsers())
        .extracting(u -> u.name() + ":" + u.role())
        .containsExactly("tokenlens_sink:tokenlens_sink", "tokenlens_reader:tokenlens_reader");
    assertThat(c.migrationsCredentials().toString()).doesNotContain("ddl-secret-1");
  }

  @Test
  void shouldRefuseASeparateSinkUserWithoutPasswordAndAReaderThatIsAnotherUser() {
    Map<String, String> m = minimal();
    m.put(SinkConfig.CLICKHOUSE_USER, "tokenlens_sink");
    m.put(SinkConfig.CLICKHOUSE_READER_USER, "default");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageContaining(
            "clickhouse.password is required when clickhouse.user (tokenlens_sink) is not "
                + "clickhouse.migrations.user (default)")
        .hasMessageContaining("clickhouse.reader.user (default) must differ");
  }

  @Test
  void shouldTakeTheDatabaseFromAJdbcUrl() {
    Map<String, String> m = minimal();
    m.put(SinkConfig.CLICKHOUSE_URL, "jdbc:clickhouse://127.0.0.1:18123/analytics");
    SinkConfig c = SinkConfig.fromMap(m);
    assertThat(c.clickhouseEndpoint().toString()).isEqualTo("http://127.0.0.1:18123");
    assertThat(c.clickhouseDatabase()).isEqualTo("analytics");
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFileAndPassKafkaKeysThrough(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sink.properties");
    Files.writeString(
        file, "sink.batch.max.rows=10\nsink.batch.max.wait.ms=50\nkafka.max.poll.records=77\n");
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_SINK_CONFIG", file.toString());
    env.put("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "broker:9092");
    env.put("TOKENLENS_SCHEMA_REGISTRY_URL", "http://registry:8081");
    env.put("TOKENLENS_CLICKHOUSE_URL", "jdbc:clickhouse://ch:8123/default");
    env.put("TOKENLENS_SINK_BATCH_MAX_ROWS", "20");
    env.put("TOKENLENS_KAFKA_FETCH_MIN_BYTES", "1024");
    SinkConfig c = SinkConfig.load(env);
    assertThat(c.batchMaxRows()).isEqualTo(20);
    assertThat(c.batchMaxWait().toMillis()).isEqualTo(50);
    assertThat(c.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(c.kafka().consumer())
        .containsEntry("max.poll.records", "77")
        .containsEntry("fetch.min.bytes", "1024")
        .doesNotContainKey("bootstrap.servers");
    assertThat(c.serdeProperties()).containsEntry("schema.registry.url", "http://registry:8081");
  }

  @Test
  void shouldReportEveryErrorAtOnce() {
    Map<String, String> m = new HashMap<>();
    m.put(SinkConfig.BATCH_MAX_ROWS, "0");
    m.put(SinkConfig.BATCH_MAX_WAIT_MS, "soon");
    m.put(SinkConfig.TOPICS, "token-usage,no-such-topic");
    m.put(SinkConfig.CLICKHOUSE_URL, "ftp://x");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "kafka.bootstrap.servers is required (environment variable TOKENLENS_KAFKA_BOOTSTRAP_SERVERS)")
        .hasMessageContaining("schema.registry.url is required")
        .hasMessageContaining("sink.batch.max.rows must be at least 1")
        .hasMessageContaining("sink.batch.max.wait.ms must be an integer but is 'soon'")
        .hasMessageContaining("no table for topic 'no-such-topic'")
        .hasMessageContaining("clickhouse.url");
  }

  @Test
  void shouldWriteClusterDdlOnlyForANamedClusterWithAUsableReplicaPath() {
    assertThat(SinkConfig.fromMap(minimal()).clickhouseDdl().clustered()).isFalse();
    assertThat(
            SinkConfig.fromMap(minimalWith(SinkConfig.CLICKHOUSE_CLUSTER, "prod"))
                .clickhouseDdl()
                .rewrite("ALTER TABLE a ADD COLUMN b UInt8"))
        .isEqualTo("ALTER TABLE a ON CLUSTER `prod` ADD COLUMN b UInt8");
    Map<String, String> m = minimalWith(SinkConfig.CLICKHOUSE_CLUSTER, "prod");
    m.put(SinkConfig.CLICKHOUSE_CLUSTER_REPLICA_PATH, "/clickhouse/tables/{shard}");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageContaining(SinkConfig.CLICKHOUSE_CLUSTER)
        .hasMessageContaining("{table}");
  }

  @Test
  void shouldRefuseMorePartitionsPerInsertThanTheOffsetMetadataHolds() {
    Map<String, String> one = minimal();
    one.put(SinkConfig.INSERT_MAX_PARTITIONS, "1");
    Map<String, String> tooMany = minimal();
    tooMany.put(SinkConfig.INSERT_MAX_PARTITIONS, "65");

    assertThat(SinkConfig.fromMap(one).insertMaxPartitions()).isEqualTo(1);
    assertThatThrownBy(() -> SinkConfig.fromMap(tooMany))
        .hasMessageContaining("sink.insert.max.partitions (65) must be at most 64");
  }

  @Test
  void shouldRefuseACatchUpWaitShorterThanTheMaxWait() {
    Map<String, String> m = minimal();
    m.put(SinkConfig.BATCH_MAX_WAIT_MS, "2000");
    m.put(SinkConfig.BATCH_CATCHUP_MAX_WAIT_MS, "500");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageContaining(
            "sink.batch.catchup.max.wait.ms (500) must be at least sink.batch.max.wait.ms (2000)");
  }

  @Test
  void shouldRefuseSettingsThatBreakTheDeliveryGuarantees() {
    Map<String, String> m = minimal();
    m.put("kafka.enable.auto.commit", "true");
    m.put("kafka.isolation.level", "read_uncommitted");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageContaining("kafka.enable.auto.commit=true is not allowed")
        .hasMessageContaining("kafka.isolation.level must be read_committed");
  }

  @Test
  void shouldGiveEachKafkaClientTheKeysItKnowsAndItsOwnPrefixAlone() {
    Map<String, String> m = minimal();
    m.put("kafka.max.poll.records", "100");
    m.put("kafka.linger.ms", "20");
    m.put("kafka.security.protocol", "SSL");
    m.put("kafka.consumer.fetch.min.bytes", "2048");
    m.put("kafka.producer.compression.type", "zstd");
    m.put("kafka.consumer.client.id", "sink-consumer");
    m.put("kafka.client.id", "sink");

    KafkaClientSettings kafka = SinkConfig.fromMap(m).kafka();

    assertThat(kafka.consumer())
        .containsOnly(
            Map.entry("max.poll.records", "100"),
            Map.entry("security.protocol", "SSL"),
            Map.entry("fetch.min.bytes", "2048"),
            Map.entry("client.id", "sink-consumer"));
    assertThat(kafka.producer())
        .containsOnly(
            Map.entry("linger.ms", "20"),
            Map.entry("security.protocol", "SSL"),
            Map.entry("compression.type", "zstd"),
            Map.entry("client.id", "sink"));
  }

  @Test
  void shouldRefuseAConsumerSettingThatBreaksTheGuaranteesUnderTheConsumerPrefixToo() {
    Map<String, String> m = minimal();
    m.put("kafka.consumer.enable.auto.commit", "true");
    m.put("kafka.consumer.group.id", "other");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageContaining("kafka.consumer.enable.auto.commit=true is not allowed")
        .hasMessageContaining("kafka.consumer.group.id is not used: set sink.group.id instead");
  }

  @Test
  void shouldNotTakeTheLaunchersVariablesForKafkaSettings() {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "broker:9092");
    env.put("TOKENLENS_SCHEMA_REGISTRY_URL", "http://registry:8081");
    env.put("TOKENLENS_KAFKA_PORT", "9092");
    env.put("TOKENLENS_KAFKA_HEAP", "1g");
    env.put("TOKENLENS_SCHEMA_REGISTRY_ADMIN_BASIC_AUTH", "ops:secret");

    SinkConfig c = SinkConfig.load(env);

    assertThat(c.kafka().consumer()).isEmpty();
    assertThat(c.kafka().producer()).isEmpty();
    assertThat(c.serdeProperties()).containsOnlyKeys("schema.registry.url");
  }

  @Test
  void shouldNameEnvironmentVariablesAfterKeys() {
    assertThat(SinkConfig.envName("sink.batch.max.rows"))
        .isEqualTo("TOKENLENS_SINK_BATCH_MAX_ROWS");
  }
}
