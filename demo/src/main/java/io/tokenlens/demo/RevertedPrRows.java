package io.tokenlens.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The pull requests merged since a UTC day that the sink's {@code pr_outcomes} calls reverted, as
 * {@code owner/name#number}.
 */
final class RevertedPrRows {
  private static final String QUERY =
      "SELECT concat(repository, '#', toString(number)) FROM pr_outcomes"
          + " WHERE reverted AND merged_at >= ? ORDER BY repository, number";

  private RevertedPrRows() {}

  static List<String> read(String jdbcUrl, LocalDate since) throws SQLException {
    List<String> pullRequests = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement(QUERY)) {
      s.setString(1, since.toString());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          pullRequests.add(rs.getString(1));
        }
      }
    }
    return pullRequests;
  }
}
