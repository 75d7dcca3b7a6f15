package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportConfigTest {

  @Test
  void shouldDefaultToTheLocalStacksClickHouse() {
    ReportConfig config = ReportConfig.load(Map.of());
    assertThat(config.endpoint()).hasToString("http://127.0.0.1:8123");
    assertThat(config.database()).isEqualTo("default");
    assertThat(config.user()).isEqualTo("default");
  }

  @Test
  void shouldTakeTheJdbcUrlOfTheEnvironmentWithItsDatabase() {
    ReportConfig config =
        ReportConfig.load(
            Map.of(
                "TOKENLENS_CLICKHOUSE_URL",
                "jdbc:clickhouse://10.0.0.5:18123/tokenlens",
                "TOKENLENS_CLICKHOUSE_SOCKET_TIMEOUT_MS",
                "5000"));
    assertThat(config.describe()).isEqualTo("http://10.0.0.5:18123/tokenlens");
    assertThat(config.timeout().toMillis()).isEqualTo(5000);
  }

  @Test
  void shouldReadAsTheReaderUserTheSinkCreates() {
    ReportConfig config =
        ReportConfig.load(
            Map.of(
                "TOKENLENS_CLICKHOUSE_USER",
                "tokenlens_sink",
                "TOKENLENS_CLICKHOUSE_PASSWORD",
                "sink-pw",
                "TOKENLENS_CLICKHOUSE_READER_USER",
                "tokenlens_reader",
                "TOKENLENS_CLICKHOUSE_READER_PASSWORD",
                "reader-pw"));
    assertThat(config.user()).isEqualTo("tokenlens_reader");
    assertThat(config.password()).isEqualTo("reader-pw");
    assertThat(config.toString()).doesNotContain("reader-pw");
  }

  @Test
  void shouldReportEveryErrorAtOnce() {
    assertThatThrownBy(
            () ->
                ReportConfig.load(
                    Map.of(
                        "TOKENLENS_CLICKHOUSE_URL",
                        "ftp://x",
                        "TOKENLENS_CLICKHOUSE_DATABASE",
                        "no-dashes",
                        "TOKENLENS_CLICKHOUSE_SOCKET_TIMEOUT_MS",
                        "soon")))
        .hasMessageContaining("clickhouse.url")
        .hasMessageContaining("clickhouse.database")
        .hasMessageContaining("clickhouse.socket.timeout.ms");
  }
}
