package io.tokenlens.simulator.demo;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's stand-in report until {@code ./tokenlens report} exists on this branch: the rows of every ClickHouse
 * table ({@code ./tokenlens demo summary}).
 */
final class RowCountSummary {
  private RowCountSummary() {}

  static void print(RowCounts counts, String where, PrintStream out) throws SQLException {
    Map<String, Long> rows = counts.read();
    out.println("rows per ClickHouse table (" + where + "):");
    rows.forEach((table, n) -> out.printf(Locale.ROOT, "  %-24s %,12d%n", table, n));
    out.printf(Locale.ROOT, "  %-24s %,12d%n", "total", RowCounts.total(rows));
  }
}
