package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The views over history tables: values in force when the usage happened, and every view answers.
 */
@StackTest
class ModelViewsIT {

  @BeforeAll
  static void migrate(StackScope stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack, "views")) {
      h.migrate(h.config(Topics.TOKEN_USAGE_ENRICHED));
    }
  }

  /** The first column of every row {@code sql} returns. */
  static List<String> column(Statement s, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void shouldUseThePriceAndTeamInForceWhenTheUsageHappened(StackScope stack) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO model_prices (provider, model, effective_from, input_usd_per_million, "
              + "output_usd_per_million, cache_read_usd_per_million, cache_write_usd_per_million, version, kafka_partition, "
              + "kafka_offset) VALUES ('anthropic', 'm-pit', '2026-01-01 00:00:00', 1, 0, 0, 0, 1, 0, 0), "
              + "('anthropic', 'm-pit', '2026-06-01 00:00:00', 2, 0, 0, 0, 1, 0, 1)");
      s.execute(
          "INSERT INTO directory (entry_key, kind, version, updated_at, engineer_engineer_id, engineer_team, "
              + "kafka_partition, kafka_offset) VALUES ('engineer:pit', 'ENGINEER', 1, '2026-01-01 00:00:00', 'pit', "
              + "'old-team', 0, 0), ('engineer:pit', 'ENGINEER', 2, '2026-06-01 00:00:00', 'pit', 'new-team', 0, 1)");
      s.execute(
          "INSERT INTO token_usage (event_id, occurred_at, accepted_at, source, provider, model, engineer_id, "
              + "input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, status, "
              + "kafka_partition, kafka_offset) VALUES "
              + "('pit-march', '2026-03-01 12:00:00', '2026-03-01 12:00:00', 'SIMULATOR', 'anthropic', 'm-pit', 'pit', "
              + "1000000, 0, 0, 0, 0, 'SUCCESS', 0, 0), "
              + "('pit-july', '2026-07-01 12:00:00', '2026-07-01 12:00:00', 'SIMULATOR', 'anthropic', 'm-pit', 'pit', "
              + "1000000, 0, 0, 0, 0, 'SUCCESS', 0, 1)");
      assertThat(
              column(
                  s,
                  "SELECT concat(team, ':', toString(cost_usd)) FROM token_usage_costed "
                      + "WHERE event_id LIKE 'pit-%' ORDER BY occurred_at"))
          .containsExactly("old-team:1", "new-team:2");
      assertThat(
              column(
                  s,
                  "SELECT toString(valid_to) FROM model_price_periods WHERE model = 'm-pit' ORDER BY valid_from"))
          .containsExactly("2026-06-01 00:00:00.000", "2100-01-01 00:00:00.000");
    }
  }

  @Test
  void shouldCountAMergeForTheAuthorAndTeamTheAttributionResolvedWhenThePrEventNamesNone(
      StackScope stack) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO token_usage (event_id, occurred_at, accepted_at, source, provider, model, engineer_id, team, "
              + "input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, computed_cost_usd, "
              + "status, kafka_partition, kafka_offset) VALUES ('lb-1', '2026-03-02 10:00:00', '2026-03-02 10:00:00', "
              + "'SIMULATOR', 'anthropic', 'm-lb', 'lb-eng', 'lb-team', 1000, 0, 0, 0, 0, 8, 'SUCCESS', 0, 0)");
      // the webhook's PR events: a login, no engineer or team; the second PR's event did resolve
      // its engineer
      s.execute(
          "INSERT INTO pull_requests (event_id, occurred_at, accepted_at, provider, repository, number, action, "
              + "state, merged, draft, branch, base_branch, author_login, engineer_id, team, merged_at, commit_shas, labels, "
              + "kafka_partition, kafka_offset) VALUES "
              + "('lb-pr-1', '2026-03-02 15:00:00', '2026-03-02 15:00:00', 'GITHUB', 'acme/lb', 1, 'MERGED', 'MERGED', true, "
              + "false, 'f1', 'main', 'lb-login', NULL, NULL, '2026-03-02 15:00:00', [], [], 0, 0), "
              + "('lb-pr-2', '2026-03-02 16:00:00', '2026-03-02 16:00:00', 'GITHUB', 'acme/lb', 2, 'MERGED', 'MERGED', true, "
              + "false, 'f2', 'main', 'lb-login', 'lb-eng', 'lb-team', '2026-03-02 16:00:00', [], [], 0, 1)");
      s.execute(
          "INSERT INTO pr_attribution (provider, repository, number, version, updated_at, finalized, state, merged, "
              + "author_engineer_id, team, merged_at, requests, input_tokens, cache_read_tokens, cache_write_tokens, "
              + "output_tokens, exact_match_tokens, inferred_match_tokens, cost_usd, sessions, engineers, engineer_ids, "
              + "kafka_partition, kafka_offset) VALUES ('GITHUB', 'acme/lb', 1, 1, '2026-03-02 15:00:00', true, 'MERGED', "
              + "true, 'lb-eng', 'lb-team', '2026-03-02 15:00:00', 1, 1000, 0, 0, 0, 1000, 0, 8, 1, 1, ['lb-eng'], 0, 0)");
      assertThat(
              column(
                  s,
                  "SELECT concat(toString(merged_prs), ':', toString(cost_per_merged_pr_usd)) "
                      + "FROM leaderboard_daily_engineer WHERE engineer_id = 'lb-eng'"))
          .containsExactly("2:4");
      assertThat(
              column(
                  s,
                  "SELECT toString(merged_prs) FROM leaderboard_daily_team WHERE team = 'lb-team'"))
          .containsExactly("2");
    }
  }

  @Test
  void shouldAnswerFromEveryView(StackScope stack) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      List<String> views =
          column(
              s,
              "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'View'");
      assertThat(views)
          .contains(
              "leaderboard_daily_engineer",
              "leaderboard_daily_team",
              "waste_by_pattern_team",
              "team_budget_status",
              "cost_by_model_tool_daily",
              "token_usage_costed",
              "directory_history",
              "budgets_current",
              "merged_pull_requests");
      for (String view : views) {
        column(s, "SELECT count() FROM " + view);
      }
    }
  }
}
