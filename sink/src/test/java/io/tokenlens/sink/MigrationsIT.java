package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@StackTest
class MigrationsIT {

  private static Migrations migrations(StackScope stack, String database, String instance) {
    ClickHouseUrl url = ClickHouseUrl.parse(stack.clickhouseJdbcUrl());
    Duration timeout = Duration.ofSeconds(30);
    return new Migrations(
        new ClickHouseWriter(url.endpoint().toString(), "default", "default", "", timeout),
        new ClickHouseWriter(url.endpoint().toString(), database, "default", "", timeout),
        database,
        instance);
  }

  private static List<String> strings(StackScope stack, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void drop(StackScope stack, String database) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
    }
  }

  /** Every shipped migration's version, in order (1, 2, ...). */
  private static List<Integer> versions() throws Exception {
    return Migration.load().stream().map(Migration::version).toList();
  }

  @Test
  void shouldApplyOnceAndDoNothingTheSecondTime(StackScope stack) throws Exception {
    String db = stack.database() + "_twice";
    assertThat(migrations(stack, db, "a").apply(Migration.load()))
        .containsExactlyElementsOf(versions());
    assertThat(migrations(stack, db, "a").apply(Migration.load())).isEmpty();
    assertThat(
            strings(
                stack, "SELECT version FROM " + db + ".schema_migrations FINAL ORDER BY version"))
        .containsExactlyElementsOf(versions().stream().map(String::valueOf).toList());
    drop(stack, db);
  }

  @Test
  void shouldBeSafeFromTwoInstancesAtOnce(StackScope stack) throws Exception {
    String db = stack.database() + "_concurrent";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Integer>>> runs = new ArrayList<>();
      for (String instance : List.of("sink-1", "sink-2")) {
        Callable<List<Integer>> run = () -> migrations(stack, db, instance).apply(Migration.load());
        runs.add(pool.submit(run));
      }
      for (Future<List<Integer>> f : runs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(
            strings(
                stack, "SELECT version FROM " + db + ".schema_migrations FINAL ORDER BY version"))
        .containsExactlyElementsOf(versions().stream().map(String::valueOf).toList());
    assertThat(strings(stack, "SELECT name FROM system.tables WHERE database = '" + db + "'"))
        .contains(
            "token_usage",
            "directory",
            "usage_1h_mv",
            "leaderboard_daily_engineer",
            "team_budget_status");
    drop(stack, db);
  }

  @Test
  void shouldRefuseAnAppliedMigrationWhoseFileChanged(StackScope stack) throws Exception {
    String db = stack.database() + "_changed";
    List<Migration> original = Migration.load();
    migrations(stack, db, "a").apply(original);
    Migration first = original.get(0);
    Migration edited =
        Migration.parse(
            first.name(), "-- edited\nCREATE TABLE IF NOT EXISTS x (a UInt8) ENGINE = Memory;\n");
    assertThatThrownBy(() -> migrations(stack, db, "a").apply(List.of(edited)))
        .hasMessageContaining(first.name())
        .hasMessageContaining("never edit an applied migration");
    drop(stack, db);
  }

  @Test
  void shouldHaveAColumnForEveryFieldOfEveryTopic(StackScope stack) throws Exception {
    String db = stack.database() + "_columns";
    migrations(stack, db, "a").apply(Migration.load());
    for (TableMapping m : SinkTables.all()) {
      Set<String> columns =
          new HashSet<>(
              strings(
                  stack,
                  "SELECT name FROM system.columns WHERE database = '"
                      + db
                      + "' AND table = '"
                      + m.table()
                      + "'"));
      assertThat(columns)
          .as("columns of %s (from %s)", m.table(), m.topic().name())
          .containsAll(m.columns());
    }
    drop(stack, db);
  }
}
