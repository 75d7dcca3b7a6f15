package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse goes away for a while: the sink waits, keeps the batch, shows the lag and catches up
 * by itself; and a sink that starts while ClickHouse is away holds what it fetched until its tables
 * are bound.
 */
@StackTest
class ClickHouseOutageIT {

  private static long count(String jdbcUrl) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(), uniqExact(event_id) FROM token_usage WHERE event_id LIKE 'outage-%'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("no duplicates").isEqualTo(rs.getLong(2));
      return rs.getLong(1);
    }
  }

  @Test
  void shouldWaitWhileClickHouseIsDownAndCatchUpByItself(StackScope stack, @TempDir Path dir)
      throws Exception {
    try (PrivateClickHouse clickhouse = new PrivateClickHouse(dir.resolve("chdb"));
        SinkHarness h =
            new SinkHarness(stack, "outage").createTopics(2, Topics.TOKEN_USAGE_ENRICHED)) {
      clickhouse.start();
      String url = clickhouse.jdbcUrl("outage");
      Map<String, String> config = h.config(Topics.TOKEN_USAGE_ENRICHED);
      config.put(SinkConfig.CLICKHOUSE_URL, url);
      config.put(SinkConfig.CLICKHOUSE_SOCKET_TIMEOUT_MS, "5000");
      h.migrate(config);
      SinkHarness.RunningSink sink = h.start(config);

      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("outage-a", 1_000));
      Waits.until(
          "1,000 outage-a rows in token_usage", Waits.LONG, () -> count(url), n -> n == 1_000);

      clickhouse.kill();
      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("outage-b", 1_000));
      Waits.until(
          "3 token_usage insert retries while ClickHouse is down",
          Waits.LONG,
          () -> sink.metrics().counter(SinkMetrics.RETRIES_TOTAL, "token_usage"),
          n -> n >= 3);
      assertThat(sink.metrics().render())
          .containsPattern("tokenlens_sink_buffered_rows\\{table=\"token_usage\"} [1-9]");

      clickhouse.start(); // same port, same data directory
      Waits.until(
          "2,000 rows in token_usage after ClickHouse restarts",
          Waits.LONG,
          () -> count(url),
          n -> n == 2_000);
      assertThat(sink.failure().get()).isNull();
    }
  }

  @Test
  void shouldInsertOnceTheRecordsFetchedWhileItsTablesWereBinding(
      StackScope stack, @TempDir Path dir) throws Exception {
    try (PrivateClickHouse clickhouse = new PrivateClickHouse(dir.resolve("chdb"));
        SinkHarness h =
            new SinkHarness(stack, "binding").createTopics(2, Topics.TOKEN_USAGE_ENRICHED)) {
      clickhouse.start();
      String url = clickhouse.jdbcUrl("binding");
      Map<String, String> config = h.config(Topics.TOKEN_USAGE_ENRICHED);
      config.put(SinkConfig.CLICKHOUSE_URL, url);
      config.put(SinkConfig.CLICKHOUSE_SOCKET_TIMEOUT_MS, "5000");
      h.migrate(config);
      clickhouse.kill(); // the tables cannot be bound until it is back
      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("outage-bind", 1_000));

      SinkHarness.RunningSink sink = h.start(config);
      Waits.until(
          "the sink fetched records before its tables were bound",
          Waits.LONG,
          () -> sink.service().firstFetchNanos().isPresent(),
          fetched -> fetched);
      Thread.sleep(2_000); // binding keeps retrying while the fetched records wait
      assertThat(sink.failure().get()).isNull();
      assertThat(sink.thread().isAlive()).isTrue();

      clickhouse.start();
      Waits.until(
          "the 1,000 records fetched while binding in token_usage, once each",
          Waits.LONG,
          () -> count(url),
          n -> n == 1_000);
      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("outage-bound", 500));
      Waits.until(
          "the records produced after binding too", Waits.LONG, () -> count(url), n -> n == 1_500);
      assertThat(sink.failure().get()).isNull();
    }
  }
}
