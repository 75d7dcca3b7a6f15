package io.tokenlens.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each of a chaos run's ids is in ClickHouse: the event ids in {@code token_usage} and
 * the delivery ids in {@code pull_requests}, each with its row count (more than one: a duplicate).
 * Tables are read as stored, without {@code FINAL}: both are plain MergeTree tables, so a duplicate
 * row stays visible.
 */
final class LandedIds {
  private final String jdbcUrl;

  LandedIds(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Event id → rows in {@code token_usage}, for the run's events. */
  Map<String, Long> events(String runId) throws SQLException {
    return counts(
        "SELECT event_id, count() FROM token_usage WHERE startsWith(event_id, ?) GROUP BY event_id",
        eventPrefix(runId));
  }

  /** The prefix of every event id of a run, as the collectors store it. */
  static String eventPrefix(String runId) {
    return "claude-code:chaos-" + runId + "-";
  }

  /** Delivery id → rows in {@code pull_requests}, for the run's webhook deliveries. */
  Map<String, Long> deliveries(String runId) throws SQLException {
    return counts(
        "SELECT assumeNotNull(delivery_id), count() FROM pull_requests"
            + " WHERE startsWith(ifNull(delivery_id, ''), ?) GROUP BY delivery_id",
        "chaos-" + runId + "-");
  }

  private Map<String, Long> counts(String sql, String prefix) throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, prefix);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }
}
