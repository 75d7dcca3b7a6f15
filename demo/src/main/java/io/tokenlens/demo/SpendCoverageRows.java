package io.tokenlens.demo;

import io.tokenlens.simulator.eval.SpendCoverageScore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The rows of the sink's {@code spend_coverage} view between two UTC days, both included. */
final class SpendCoverageRows {
  private static final String QUERY =
      "SELECT day, provider, organization_id, exported_usd, telemetry_usd, uninstrumented_usd"
          + " FROM spend_coverage WHERE day BETWEEN ? AND ? ORDER BY day, provider, organization_id";

  private SpendCoverageRows() {}

  static List<SpendCoverageScore.Row> read(String jdbcUrl, LocalDate first, LocalDate last)
      throws SQLException {
    List<SpendCoverageScore.Row> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement(QUERY)) {
      s.setString(1, first.toString());
      s.setString(2, last.toString());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new SpendCoverageScore.Row(
                  LocalDate.parse(rs.getString(1)),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getDouble(4),
                  rs.getDouble(5),
                  rs.getDouble(6)));
        }
      }
    }
    return rows;
  }
}
