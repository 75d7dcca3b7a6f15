package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import io.tokenlens.schemas.clickhouse.LocalAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users the migrations create, on a ClickHouse endpoint of the test's own started with the
 * access file the local stack makes from {@link ClickHouseAccess}'s statements: the engine refuses
 * what each user's role does not grant.
 */
class AccessIT {

  private static final String DATABASE = "tokenlens";
  private static final ClickHouseAccess.User SINK =
      new ClickHouseAccess.User("tokenlens_sink", "sink-secret-123", ClickHouseAccess.SINK_ROLE);
  private static final ClickHouseAccess.User READER =
      new ClickHouseAccess.User(
          "tokenlens_reader", "reader-secret-123", ClickHouseAccess.READER_ROLE);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static Map<String, String> config(PrivateClickHouse clickhouse) {
    Map<String, String> c = new HashMap<>();
    c.put(SinkConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1");
    c.put(SinkConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1");
    c.put(SinkConfig.CLICKHOUSE_URL, clickhouse.endpoint() + "/" + DATABASE);
    c.put(SinkConfig.CLICKHOUSE_USER, SINK.name());
    c.put(SinkConfig.CLICKHOUSE_PASSWORD, SINK.password());
    c.put(SinkConfig.CLICKHOUSE_READER_PASSWORD, READER.password());
    return c;
  }

  private static PrivateClickHouse start(Path dir, List<String> statements) throws Exception {
    Path file = dir.resolve("access.json");
    Files.writeString(file, LocalAccessFile.fromStatements(statements), StandardCharsets.UTF_8);
    PrivateClickHouse clickhouse =
        new PrivateClickHouse(dir.resolve("chdb"), List.of("--access-file", file.toString()));
    clickhouse.start();
    return clickhouse;
  }

  private static ClickHouseWriter as(PrivateClickHouse clickhouse, ClickHouseAccess.User user) {
    return new ClickHouseWriter(
        clickhouse.endpoint(), DATABASE, user.name(), user.password(), TIMEOUT);
  }

  private static long count(ClickHouseWriter writer, String table) {
    return writer.query("SELECT count() AS n FROM " + table).get(0).getLong("n");
  }

  @Test
  void shouldLetTheSinkOnlyInsertAndTheReaderOnlySelect(@TempDir Path dir) throws Exception {
    try (PrivateClickHouse clickhouse =
        start(dir, ClickHouseAccess.statements(DATABASE, List.of(SINK, READER)))) {
      SinkConfig config = SinkConfig.fromMap(config(clickhouse));
      SinkMain.applyMigrations(config);

      try (ClickHouseWriter sink = new ClickHouseWriter(config);
          ClickHouseWriter reader = as(clickhouse, READER);
          ClickHouseWriter admin =
              new ClickHouseWriter(clickhouse.endpoint(), DATABASE, "default", "", TIMEOUT)) {
        String row = " (team, occurred_at) VALUES ('platform', now())";
        sink.execute("INSERT INTO token_usage" + row);
        sink.execute(
            "INSERT INTO usage_1m (dimension, dimension_value, window_start) VALUES ('team', 'platform', now())");
        assertThat(count(admin, "token_usage")).isEqualTo(1);
        assertThat(count(admin, "usage_1m")).isEqualTo(1);
        assertThat(count(admin, "usage_1h"))
            .as("the materialized view fed by token_usage")
            .isEqualTo(1);

        assertThatThrownBy(() -> count(sink, "pull_requests"))
            .hasStackTraceContaining("ACCESS_DENIED");
        assertThatThrownBy(() -> sink.execute("CREATE TABLE scratch (a UInt8) ENGINE = Memory"))
            .hasStackTraceContaining("ACCESS_DENIED");
        assertThatThrownBy(() -> sink.execute("TRUNCATE TABLE token_usage"))
            .hasStackTraceContaining("ACCESS_DENIED");

        assertThat(count(reader, "token_usage")).isEqualTo(1);
        assertThat(count(reader, "leaderboard_daily_team")).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> reader.execute("INSERT INTO token_usage" + row))
            .hasStackTraceContaining("ACCESS_DENIED");
        assertThatThrownBy(() -> reader.execute("DROP TABLE token_usage"))
            .hasStackTraceContaining("ACCESS_DENIED");
      }
    }
  }

  @Test
  void shouldRefuseToStartWhenTheEndpointsRolesDifferFromTheStatements(@TempDir Path dir)
      throws Exception {
    List<String> statements =
        ClickHouseAccess.statements(DATABASE, List.of(SINK, READER)).stream()
            .filter(s -> !s.equals("GRANT INSERT ON tokenlens.burn_alerts TO tokenlens_sink"))
            .map(
                s ->
                    s.equals("GRANT SELECT ON tokenlens.* TO tokenlens_reader")
                        ? "GRANT SELECT, INSERT ON tokenlens.* TO tokenlens_reader"
                        : s)
            .toList();
    try (PrivateClickHouse clickhouse = start(dir, statements)) {
      assertThatThrownBy(() -> SinkMain.applyMigrations(SinkConfig.fromMap(config(clickhouse))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("missing: GRANT INSERT ON tokenlens.burn_alerts TO tokenlens_sink")
          .hasMessageContaining(
              "not in the statements: GRANT INSERT ON tokenlens.* TO tokenlens_reader");
    }
  }
}
