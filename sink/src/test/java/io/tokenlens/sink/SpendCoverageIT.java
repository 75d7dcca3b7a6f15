package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider exports next to the telemetry: {@code spend_coverage} counts only the export's
 * excess over the telemetry as uninstrumented, and {@code team_spend_daily} adds it as a line of
 * its own, never on top of spend the telemetry counted.
 */
@StackTest
class SpendCoverageIT {

  private static final String PRICE =
      "INSERT INTO model_prices (provider, model, effective_from, input_usd_per_million, "
          + "output_usd_per_million, cache_read_usd_per_million, cache_write_usd_per_million, version, "
          + "kafka_partition, kafka_offset) VALUES ('anthropic', 'm-cov', '2026-01-01 00:00:00', 3, 15, 0.3, 3.75, 1, "
          + "0, 0), ('anthropic', 'm-cov', '2026-02-03 00:00:00', 6, 30, 0.6, 7.5, 1, 0, 1)";

  @BeforeAll
  static void migrate(StackScope stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack, "coverage")) {
      h.migrate(h.config(Topics.TOKEN_USAGE_ENRICHED));
    }
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      s.execute(PRICE);
      // telemetry: $3 on Feb 1 in org-1 (two teams), $3 on Feb 2; $6 on Feb 3 (the doubled price)
      s.execute(
          "INSERT INTO token_usage (event_id, occurred_at, accepted_at, source, provider, model, organization_id, "
              + "engineer_id, team, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, "
              + "reasoning_tokens, computed_cost_usd, status, kafka_partition, kafka_offset) VALUES "
              + telemetry("c1", "2026-02-01 09:00:00", "payments", 2.0, 0)
              + ", "
              + telemetry("c2", "2026-02-01 15:00:00", "infra", 1.0, 1)
              + ", "
              + telemetry("c3", "2026-02-02 10:00:00", "infra", 3.0, 2)
              + ", "
              + telemetry("c4", "2026-02-03 10:00:00", "infra", 6.0, 3));
      // exports (no organisation, as the Anthropic usage report): Feb 1 as the telemetry saw it;
      // Feb 2 imported twice, the re-import (version 2) with 2M tokens = $6; Feb 3 equal again, at
      // the new price, plus a row without a model (unpriced)
      s.execute(
          "INSERT INTO provider_usage (event_id, source, provider, bucket_start, bucket_end, imported_at, version, "
              + "model, organization_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, "
              + "kafka_partition, kafka_offset) VALUES "
              + export("x1", "2026-02-01", 1, "'m-cov'", "NULL", 1_000_000, "NULL", 0)
              + ", "
              + export("x2", "2026-02-02", 1, "'m-cov'", "NULL", 1_000_000, "NULL", 1)
              + ", "
              + export("x2", "2026-02-02", 2, "'m-cov'", "NULL", 2_000_000, "NULL", 2)
              + ", "
              + export("x3", "2026-02-03", 1, "'m-cov'", "NULL", 1_000_000, "NULL", 3)
              + ", "
              + export("x4", "2026-02-03", 1, "NULL", "NULL", 10, "NULL", 4)
              + ", "
              // a Copilot metrics row: no spend, never compared
              + "('g1', 'COPILOT_METRICS', 'github', '2026-02-01 00:00:00', '2026-02-02 00:00:00', now(), 1, NULL, "
              + "'acme', 0, 0, 0, 0, NULL, 0, 5)");
    }
  }

  private static String telemetry(String id, String at, String team, double usd, int offset) {
    return "('%s', '%s', '%s', 'CLAUDE_CODE', 'anthropic', 'm-cov', 'org-1', 'e-%s', '%s', 0, 0, 0, 0, 0, %s, 'SUCCESS', 0, %d)"
        .formatted(id, at, at, team, team, usd, offset);
  }

  private static String export(
      String id,
      String day,
      long version,
      String model,
      String organization,
      long inputTokens,
      String cost,
      int offset) {
    return ("('%s', 'ANTHROPIC_ADMIN_API', 'anthropic', '%s 00:00:00', addDays(toDateTime64('%s 00:00:00', 3, 'UTC'), 1), "
            + "now(), %d, %s, %s, %d, 0, 0, 0, %s, 0, %d)")
        .formatted(id, day, day, version, model, organization, inputTokens, cost, offset);
  }

  @Test
  void shouldCountOnlyTheExportsExcessOverTheTelemetryAsUninstrumented(StackScope stack)
      throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      assertThat(
              ModelViewsIT.column(
                  s,
                  "SELECT concat(toString(day), ' ', provider, ' [', organization_id, '] ', toString(exported_usd), ' ',"
                      + " toString(telemetry_usd), ' ', toString(uninstrumented_usd), ' ',"
                      + " toString(instrumented_share), ' ', toString(unpriced_rows))"
                      + " FROM spend_coverage WHERE day BETWEEN '2026-02-01' AND '2026-02-03' ORDER BY day"))
          .containsExactly(
              "2026-02-01 anthropic [] 3 3 0 1 0",
              "2026-02-02 anthropic [] 6 3 3 0.5 0",
              "2026-02-03 anthropic [] 6 6 0 1 1");
    }
  }

  @Test
  void shouldCompareAnExportNamingAnOrganisationWithThatOrganisationsTelemetryOnly(StackScope stack)
      throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO provider_usage (event_id, source, provider, bucket_start, bucket_end, imported_at, version, "
              + "model, organization_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, "
              + "kafka_partition, kafka_offset) VALUES "
              + export("o1", "2026-02-10", 1, "'m-cov'", "'org-1'", 0, "4.5", 10)
              + ", "
              + export("o2", "2026-02-10", 1, "'m-cov'", "'org-2'", 0, "1.5", 11));
      s.execute(
          "INSERT INTO token_usage (event_id, occurred_at, accepted_at, source, provider, model, organization_id, "
              + "engineer_id, team, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, "
              + "reasoning_tokens, computed_cost_usd, status, kafka_partition, kafka_offset) VALUES "
              + telemetry("o-t1", "2026-02-10 09:00:00", "payments", 4.0, 10));
      assertThat(
              ModelViewsIT.column(
                  s,
                  "SELECT concat(organization_id, ' ', toString(exported_usd), ' ', toString(telemetry_usd), ' ',"
                      + " toString(uninstrumented_usd)) FROM spend_coverage WHERE day = '2026-02-10'"
                      + " ORDER BY organization_id"))
          .containsExactly("org-1 4.5 4 0.5", "org-2 1.5 0 1.5");
    }
  }

  @Test
  void shouldListUninstrumentedSpendAsATeamOfItsOwnNeverOnTopOfTheTelemetry(StackScope stack)
      throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      assertThat(
              ModelViewsIT.column(
                  s,
                  "SELECT concat(toString(day), ' ', team, ' ', spend_source, ' ', toString(cost_usd))"
                      + " FROM team_spend_daily WHERE day BETWEEN '2026-02-01' AND '2026-02-03'"
                      + " ORDER BY day, team"))
          .containsExactly(
              "2026-02-01 infra telemetry 1",
              "2026-02-01 payments telemetry 2",
              "2026-02-02 infra telemetry 3",
              "2026-02-02 uninstrumented provider-export 3",
              "2026-02-03 infra telemetry 6");
      // the organisation's spend of the three days: the telemetry's $12 plus the exports' $3 excess
      assertThat(
              ModelViewsIT.column(
                  s,
                  "SELECT toString(sum(cost_usd)) FROM team_spend_daily"
                      + " WHERE day BETWEEN '2026-02-01' AND '2026-02-03'"))
          .containsExactly("15");
    }
  }
}
