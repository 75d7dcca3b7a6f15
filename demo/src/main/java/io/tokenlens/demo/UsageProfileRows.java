package io.tokenlens.demo;

import io.tokenlens.simulator.eval.UsageProfileScore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Each engineer's tokens and merged pull requests since a UTC day, from the views the report's
 * adoption and usage-tier sections read ({@code engineer_periods}, {@code usage_1d}, {@code
 * pr_outcomes}): the engineers of the directory, of the usage or of a merge, as the adoption
 * section takes them.
 */
final class UsageProfileRows {
  private static final String QUERY =
      """
      WITH
          roster AS (
              SELECT engineer_id FROM engineer_periods
              WHERE valid_to > toDateTime64(?, 3) GROUP BY engineer_id),
          spend AS (
              SELECT engineer_id,
                     sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens
              FROM usage_1d WHERE day >= ? AND engineer_id != '' GROUP BY engineer_id),
          prs AS (
              SELECT engineer_id, count() AS merged_prs
              FROM pr_outcomes WHERE merged AND merged_at >= ? AND engineer_id != ''
              GROUP BY engineer_id)
      SELECT k.engineer_id, s.engineer_id != '' AS has_usage, s.tokens, p.merged_prs
      FROM (SELECT engineer_id FROM roster UNION DISTINCT SELECT engineer_id FROM spend
            UNION DISTINCT SELECT engineer_id FROM prs) AS k
      LEFT JOIN spend AS s ON s.engineer_id = k.engineer_id
      LEFT JOIN prs AS p ON p.engineer_id = k.engineer_id
      ORDER BY k.engineer_id
      SETTINGS join_use_nulls = 0
      """;

  private UsageProfileRows() {}

  static List<UsageProfileScore.Row> read(String jdbcUrl, LocalDate since) throws SQLException {
    List<UsageProfileScore.Row> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement(QUERY)) {
      for (int i = 1; i <= 3; i++) {
        s.setString(i, since.toString());
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new UsageProfileScore.Row(
                  rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return rows;
  }
}
