package io.tokenlens.report;

import io.tokenlens.sink.ClickHouseUrl;
import io.tokenlens.sink.ClickHouseWriter;
import io.tokenlens.sink.Migration;
import io.tokenlens.sink.Migrations;
import io.tokenlens.testkit.StackScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The sink's migrations applied to a test class's database, and the rows of {@code
 * report-fixtures.sql} (a small organisation on today's UTC date, whose figures the tests assert).
 */
final class ReportFixtures {

  private ReportFixtures() {}

  /** Applies the sink's migrations to {@code database} at the stack's ClickHouse. */
  static void migrate(StackScope stack, String database) throws Exception {
    ClickHouseUrl url = ClickHouseUrl.parse(stack.endpoints().clickhouseJdbcUrl());
    try (ClickHouseWriter admin = writer(url, "default");
        ClickHouseWriter writer = writer(url, database)) {
      new Migrations(admin, writer, database, "report-tests").apply(Migration.load());
    }
  }

  /** Migrations and the fixture rows in the class's database. */
  static void load(StackScope stack) throws Exception {
    load(stack, "report-fixtures.sql");
  }

  /**
   * Migrations and the rows of the test resources {@code fixtures}, in order, in the class's
   * database.
   */
  static void load(StackScope stack, String... fixtures) throws Exception {
    migrate(stack, stack.database());
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      for (String fixture : fixtures) {
        for (String statement :
            Migration.parse("V999__report_fixtures.sql", resource(fixture)).statements()) {
          s.execute(statement);
        }
      }
    }
  }

  /**
   * Migrations and the rows of {@code fixtures}, then the report of today (UTC), top 50 rows per
   * section.
   */
  static ReportData loadAndReport(StackScope stack, String... fixtures) throws Exception {
    load(stack, fixtures);
    try (ClickHouseQueries queries = new ClickHouseQueries(config(stack))) {
      return new ReportLoader(queries, Clock.systemUTC())
          .load(ReportWindow.of(LocalDate.now(ZoneOffset.UTC), 0, 50));
    }
  }

  /** The environment the commands see: the class's database at the stack's ClickHouse. */
  static Map<String, String> env(StackScope stack) {
    return Map.of("TOKENLENS_CLICKHOUSE_URL", stack.clickhouseJdbcUrl());
  }

  static ReportConfig config(StackScope stack) {
    return ReportConfig.load(env(stack));
  }

  private static ClickHouseWriter writer(ClickHouseUrl url, String database) {
    return new ClickHouseWriter(
        url.endpoint().toString(), database, "default", "", Duration.ofSeconds(60));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ReportFixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
