package io.tokenlens.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The streams job's minute rollups held against the rows they sum: for each model and minute of a
 * run, the final version in {@code usage_1m} (requests, tokens, cost) against the same sums over
 * {@code token_usage}, whose rows a chaos run has already shown to be there exactly once. Every
 * event has a model, so the {@code MODEL} dimension counts every event once.
 *
 * <p>Each task forwards its partial sums at every commit and the merge emits each changed total at
 * every commit, so once the streams group has no lag every minute's final version holds all its
 * requests. Every event of a compared minute counts, the run's own and any other traffic on the
 * stack at the time; a request the job judged late (it went to {@code late-records} instead) makes
 * its minute differ.
 */
final class RollupCheck {
  /** What was compared: minutes (model × minute), those that differ, and the requests in each. */
  record Result(long minutes, long differing, long requestsInRows, long requestsInRollups) {
    boolean agrees() {
      return differing == 0 && requestsInRows == requestsInRollups;
    }

    String render() {
      return String.format(
          Locale.ROOT,
          "rollups: %d model minutes of usage_1m against token_usage, %d differing; requests %d in"
              + " token_usage, %d in usage_1m",
          minutes,
          differing,
          requestsInRows,
          requestsInRollups);
    }
  }

  private static final String COMPARE =
      """
      WITH
        (SELECT toStartOfMinute(min(occurred_at)) FROM token_usage WHERE startsWith(event_id, ?))
          AS first_minute,
        (SELECT max(occurred_at) FROM token_usage WHERE startsWith(event_id, ?)) AS last_event,
        rows AS (
          SELECT toString(model) AS value, toDateTime(toStartOfMinute(occurred_at), 'UTC') AS minute, count() AS requests,
                 sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens
                     + reasoning_tokens) AS tokens,
                 sum(ifNull(computed_cost_usd, 0)) AS cost
          FROM token_usage
          WHERE occurred_at >= first_minute
            AND occurred_at <= last_event
          GROUP BY value, minute),
        rollups AS (
          SELECT dimension_value AS value, toDateTime(window_start, 'UTC') AS minute,
                 requests,
                 input_tokens + cache_read_tokens + cache_write_tokens + output_tokens
                   + reasoning_tokens AS tokens,
                 cost_usd AS cost
          FROM usage_1m FINAL
          WHERE dimension = 'MODEL' AND window_start >= first_minute
            AND window_start <= last_event)
      SELECT count(),
             countIf(r.requests != o.requests OR r.tokens != o.tokens
                     OR abs(r.cost - o.cost) > 1e-6 * greatest(1, abs(r.cost))),
             sum(r.requests), sum(o.requests)
      FROM rows AS r FULL OUTER JOIN rollups AS o USING (value, minute)
      SETTINGS join_use_nulls = 0
      """;

  private final String jdbcUrl;

  RollupCheck(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Compares the minutes from the first to the last event whose id starts with the prefix. */
  Result compare(String eventIdPrefix) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement(COMPARE)) {
      s.setString(1, eventIdPrefix);
      s.setString(2, eventIdPrefix);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Result(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
      }
    }
  }
}
