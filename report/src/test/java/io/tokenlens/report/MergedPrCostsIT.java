package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pull request merged after its last attributed request ({@code
 * merge-after-attribution-fixtures.sql}): its latest attribution row still says "open", its merge
 * is only in its pull-request events. It counts as merged, at the merge event's time, in the
 * ranking of merged pull requests and in what reads it.
 */
@StackTest
class MergedPrCostsIT {

  private static ReportData report;

  @BeforeAll
  static void loadFixturesAndQuery(StackScope stack) throws Exception {
    report = ReportFixtures.loadAndReport(stack, "merge-after-attribution-fixtures.sql");
  }

  @Test
  void shouldRankAPrMergedAfterItsLastAttributionAmongTheMergedPrs(StackScope stack)
      throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
            SELECT merged_prs, cost_usd, tokens, cost_percentile, ai_heavy,
                   dateDiff('minute', toStartOfDay(now64(3, 'UTC')), merged_at) AS merged_minute
            FROM merged_pr_costs WHERE repository = 'acme/shop' AND number = 21""")) {
      assertThat(rs.next()).as("acme/shop#21 in merged_pr_costs").isTrue();
      assertThat(rs.getLong("merged_prs")).isEqualTo(21);
      assertThat(rs.getDouble("cost_usd")).isEqualTo(120.0);
      assertThat(rs.getLong("tokens")).isEqualTo(3_000_000);
      assertThat(rs.getDouble("cost_percentile")).isEqualTo(95.2);
      assertThat(rs.getBoolean("ai_heavy")).isTrue();
      assertThat(rs.getLong("merged_minute")).isEqualTo(4 * 60);
    }
  }

  @Test
  void shouldListTheIncidentAfterItAsFollowingAnAiHeavyPr() {
    ResultTable incidents = report.table(ReportSections.INCIDENTS);
    assertThat(incidents.column("pull_request")).containsExactly("acme/shop#21");
    assertThat(incidents.column("pr_cost_usd")).containsExactly("120");
    assertThat(incidents.column("pr_cost_percentile")).containsExactly("95.2");
  }
}
