package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {
  private static final Path ROOT = Path.of("/repo");

  @Test
  void shouldDefaultToLoopbackPortsAndADataDirInTheRepository() {
    StackSettings s = StackSettings.fromEnvironment(ROOT, Map.of());
    assertThat(s.dataDir()).isEqualTo(ROOT.resolve(".tokenlens"));
    assertThat(s.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(s.clickhouseJdbcUrl()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123/default");
    assertThat(s.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
  }

  @Test
  void shouldTakeOverridesFromTheEnvironment() {
    StackSettings s =
        StackSettings.fromEnvironment(
            ROOT,
            Map.of(
                "TOKENLENS_HOME",
                "/data/tl",
                "TOKENLENS_KAFKA_PORT",
                "19092",
                "TOKENLENS_CLICKHOUSE_PORT",
                "18123",
                "TOKENLENS_KAFKA_HEAP",
                "512m"));
    assertThat(s.dataDir()).isEqualTo(Path.of("/data/tl"));
    assertThat(s.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(s.clickhousePort()).isEqualTo(18123);
    assertThat(s.kafkaHeap()).isEqualTo("512m");
  }

  @Test
  void shouldReportEveryInvalidValueAtOnce() {
    assertThatThrownBy(
            () ->
                StackSettings.fromEnvironment(
                    ROOT,
                    Map.of(
                        "TOKENLENS_KAFKA_PORT",
                        "x",
                        "TOKENLENS_CLICKHOUSE_PORT",
                        "70000",
                        "TOKENLENS_KAFKA_HEAP",
                        "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TOKENLENS_KAFKA_PORT must be a number")
        .hasMessageContaining("TOKENLENS_CLICKHOUSE_PORT must be a port between 1 and 65535")
        .hasMessageContaining("TOKENLENS_KAFKA_HEAP must look like 512m or 1g");
  }

  @Test
  void shouldGiveTheClickHouseSinkAndReaderUsersLocalDefaultPasswordsUnlessConfigured() {
    StackSettings s =
        StackSettings.fromEnvironment(
            ROOT, Map.of("TOKENLENS_CLICKHOUSE_SINK_PASSWORD", "s3cret-sink"));
    assertThat(s.clickhouseUsers())
        .extracting(u -> u.name() + "/" + u.role() + "/" + u.password())
        .containsExactly(
            "tokenlens_sink/tokenlens_sink/s3cret-sink",
            "tokenlens_reader/tokenlens_reader/tokenlens-reader-local");
    assertThat(s.toString()).doesNotContain("s3cret-sink");
    assertThatThrownBy(
            () ->
                StackSettings.fromEnvironment(
                    ROOT, Map.of("TOKENLENS_CLICKHOUSE_READER_PASSWORD", "")))
        .hasMessageContaining("TOKENLENS_CLICKHOUSE_READER_PASSWORD must not be empty");
  }

  @Test
  void shouldNameEveryBrokerOfAClusterAndReplicateTopicsAcrossThem() {
    StackSettings s = StackSettings.fromEnvironment(ROOT, Map.of("TOKENLENS_KAFKA_BROKERS", "3"));

    assertThat(s.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
    assertThat(s.topicEnvironment())
        .containsExactly(
            Map.entry("TOKENLENS_TOPICS_REPLICATION_FACTOR", "3"),
            Map.entry("TOKENLENS_TOPICS_MIN_INSYNC_REPLICAS", "2"));
    assertThat(StackSettings.fromEnvironment(ROOT, Map.of()).topicEnvironment()).isEmpty();
  }

  @Test
  void shouldFindTheBrokerCountUpRecordedUnlessTheEnvironmentSetsOne(@TempDir Path home)
      throws Exception {
    Map<String, String> env = Map.of("TOKENLENS_HOME", home.toString());
    StackSettings.fromEnvironment(
            ROOT, Map.of("TOKENLENS_HOME", home.toString(), "TOKENLENS_KAFKA_BROKERS", "3"))
        .recordBrokers();

    assertThat(StackSettings.fromEnvironment(ROOT, env).kafkaBrokers()).isEqualTo(3);
    assertThat(
            StackSettings.fromEnvironment(
                    ROOT, Map.of("TOKENLENS_HOME", home.toString(), "TOKENLENS_KAFKA_BROKERS", "1"))
                .kafkaBrokers())
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseABrokerCountOutOfRangeAndBrokerPortsThatOverlap() {
    assertThatThrownBy(
            () -> StackSettings.fromEnvironment(ROOT, Map.of("TOKENLENS_KAFKA_BROKERS", "6")))
        .hasMessageContaining("TOKENLENS_KAFKA_BROKERS must be between 1 and 5 brokers, got 6");
    assertThatThrownBy(
            () ->
                StackSettings.fromEnvironment(
                    ROOT,
                    Map.of("TOKENLENS_KAFKA_BROKERS", "3", "TOKENLENS_CLICKHOUSE_PORT", "9096")))
        .hasMessageContaining("broker n uses the Kafka and controller ports plus 2n");
  }

  @Test
  void shouldRefuseTwoComponentsOnOnePort() {
    assertThatThrownBy(
            () -> StackSettings.fromEnvironment(ROOT, Map.of("TOKENLENS_CLICKHOUSE_PORT", "9092")))
        .hasMessageContaining("must all differ");
  }
}
