package io.tokenlens.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The row count of every table in ClickHouse's current database, as the server reports it ({@code
 * system.tables}).
 */
final class RowCounts {
  private static final String QUERY =
      "SELECT name, total_rows FROM system.tables"
          + " WHERE database = currentDatabase() AND total_rows IS NOT NULL ORDER BY name";

  private final String jdbcUrl;

  RowCounts(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Table name → rows, in name order. */
  Map<String, Long> read() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
