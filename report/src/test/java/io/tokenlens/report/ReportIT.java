package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report's queries against the sink's model on the real ClickHouse, filled with {@code
 * report-fixtures.sql}.
 */
@StackTest
class ReportIT {

  private static ReportData report;

  @BeforeAll
  static void loadFixturesAndQuery(StackScope stack) throws Exception {
    ReportFixtures.load(stack);
    try (ClickHouseQueries queries = new ClickHouseQueries(ReportFixtures.config(stack))) {
      report = new ReportLoader(queries, Clock.systemUTC()).load(ReportWindow.of(today(), 0, 15));
    }
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  private static List<String> row(ReportSection section, int index) {
    return report.table(section).rows().get(index);
  }

  @Test
  void shouldTotalSpendNextToMergedPrsFindingsAndAlerts() {
    assertThat(report.table(ReportSections.TOTALS).rows())
        .containsExactly(List.of("4050000", "47", "5", "6", "4", "17.9", "3", "5"));
  }

  @Test
  void shouldRankEngineersByAttributedCostPerMergedPrNotBySpend() {
    ResultTable engineers = report.table(ReportSections.ENGINEERS);
    assertThat(engineers.column("engineer_id"))
        .containsExactly("carol", "alice", "erin", "dave", "bob");
    assertThat(engineers.column("merged_prs")).containsExactly("2", "3", "1", "0", "0");
    // PR 101 counts at its latest attribution ($6), not its first ($2)
    assertThat(engineers.column("cost_per_merged_pr_usd"))
        .containsExactly("0.75", "3.5", "9", null, null);
    assertThat(engineers.column("spend_in_merged_prs_share"))
        .containsExactly("0.5", "0.7", "0.75", "0", "0");
    assertThat(engineers.column("waste_share"))
        .containsExactly("0", "0.1667", "0.0333", "0", "0.9375");
    assertThat(engineers.column("cost_usd")).containsExactly("3", "15", "12", "1", "16");
  }

  @Test
  void shouldCountMergedAiPrsWithoutAnApprovalStandingBeforeTheMerge() {
    ResultTable engineers = report.table(ReportSections.ENGINEERS);
    // alice: 103 unreviewed; carol: 201's approval dismissed, 202 only commented; erin: approved
    // after the merge
    assertThat(engineers.column("ai_prs_unapproved")).containsExactly("2", "1", "1", "0", "0");
  }

  @Test
  void shouldCountOnlyIncidentsThatPointAtThePrNotEveryRecentMergeOfTheService() {
    // INC-8 names carol's PR 202; INC-7 links erin's PR only as a recent merge of the service
    assertThat(report.table(ReportSections.ENGINEERS).column("incidents"))
        .containsExactly("1", "0", "0", "0", "0");
  }

  @Test
  void shouldRankTeamsByAttributedCostPerMergedPr() {
    ResultTable teams = report.table(ReportSections.TEAMS);
    assertThat(teams.column("team")).containsExactly("platform", "payments", "search");
    assertThat(teams.column("cost_usd")).containsExactly("4", "31", "12");
    assertThat(teams.column("cost_per_merged_pr_usd")).containsExactly("0.75", "3.5", "9");
    assertThat(teams.column("waste_share")).containsExactly("0", "0.5645", "0.0333");
  }

  @Test
  void shouldBucketEngineersIntoUsageQuintilesAgainstTheMedianEngineersTier() {
    ResultTable tiers = report.table(ReportSections.TIERS);
    // dave, carol, erin (the median engineer), alice, bob by tokens
    assertThat(tiers.column("tier"))
        .containsExactly("Q1 (lightest)", "Q2", "Q3", "Q4", "Q5 (heaviest)");
    assertThat(tiers.column("merged_prs")).containsExactly("0", "2", "1", "3", "0");
    assertThat(tiers.column("cost_per_merged_pr_usd"))
        .containsExactly(null, "1.5", "12", "5", null);
    assertThat(tiers.column("cost_per_merged_pr_vs_median"))
        .containsExactly(null, "0.12", "1", "0.42", null);
    assertThat(tiers.column("cost_per_engineer_vs_median"))
        .containsExactly("0.08", "0.25", "1", "1.25", "1.33");
    assertThat(tiers.column("merged_prs_per_engineer_vs_median"))
        .containsExactly("0", "2", "1", "3", "0");
  }

  @Test
  void shouldSplitEachEngineersAiSpendByWhereItsPrsEnded() {
    ResultTable survival = report.table(ReportSections.SURVIVAL);
    assertThat(survival.column("engineer_id")).containsExactly("bob", "carol", "erin", "alice");
    assertThat(survival.column("pr_ai_cost_usd")).containsExactly("4", "1.5", "9", "10.5");
    // alice's PR 102 ($3 of $10.50, approved) reverted on main; carol's 201 only on a revert branch
    assertThat(survival.column("merged_approved_share")).containsExactly("0", "0", "0", "0.5714");
    assertThat(survival.column("merged_unapproved_share")).containsExactly("0", "1", "1", "0.1429");
    assertThat(survival.column("reverted_share")).containsExactly("0", "0", "0", "0.2857");
    assertThat(survival.column("closed_unmerged_share")).containsExactly("1", "0", "0", "0");
    for (int row = 0; row < survival.column("engineer_id").size(); row++) {
      BigDecimal shares = BigDecimal.ZERO;
      for (String share :
          List.of(
              "merged_approved_share",
              "merged_unapproved_share",
              "reverted_share",
              "closed_unmerged_share")) {
        shares = shares.add(new BigDecimal(survival.column(share).get(row)));
      }
      assertThat(shares)
          .as("the shares of row %d", row)
          .isCloseTo(BigDecimal.ONE, within(new BigDecimal("0.0002")));
    }
    assertThat(survival.column("changes_requested")).containsExactly("1", "0", "0", "1");
  }

  @Test
  void shouldListEngineersWithLittleOrNoAiUseNextToTheirMerges() {
    ResultTable adoption = report.table(ReportSections.ADOPTION);
    assertThat(adoption.column("engineer_id")).containsExactly("gina", "dave");
    assertThat(adoption.column("tokens")).containsExactly("0", "84000");
    assertThat(adoption.column("use_vs_median")).containsExactly("0", "0.0833");
    ResultTable teams = report.table(ReportSections.ADOPTION_TEAMS);
    assertThat(teams.column("team")).containsExactly("payments", "platform", "search");
    assertThat(teams.column("engineers")).containsExactly("2", "3", "1");
    assertThat(teams.column("low_use_engineers")).containsExactly("0", "2", "0");
    assertThat(teams.column("no_use_engineers")).containsExactly("0", "1", "0");
  }

  @Test
  void shouldAgreeOnTotalsAcrossSections() {
    ResultTable totals = report.table(ReportSections.TOTALS);
    for (ReportSection leaderboard : List.of(ReportSections.ENGINEERS, ReportSections.TEAMS)) {
      ResultTable l = report.table(leaderboard);
      assertThat(sum(l, "cost_usd"))
          .as("spend of " + leaderboard.id())
          .isEqualByComparingTo(sum(totals, "cost_usd"));
      assertThat(sum(l, "tokens"))
          .as("tokens of " + leaderboard.id())
          .isEqualByComparingTo(sum(totals, "tokens"));
      assertThat(sum(l, "merged_prs"))
          .as("merges of " + leaderboard.id())
          .isEqualByComparingTo(sum(totals, "merged_prs"))
          .isEqualByComparingTo(sum(report.table(ReportSections.COST_PER_PR), "merged_prs"));
      assertThat(sum(l, "attributed_cost_usd"))
          .as("attributed cost of " + leaderboard.id())
          .isEqualByComparingTo(sum(report.table(ReportSections.COST_PER_PR), "ai_cost_usd"));
      assertThat(sum(l, "wasted_cost_usd"))
          .as("waste of " + leaderboard.id())
          .isEqualByComparingTo(sum(totals, "wasted_cost_usd"))
          .isEqualByComparingTo(sum(report.table(ReportSections.WASTE), "wasted_cost_usd"));
    }
    ResultTable tiers = report.table(ReportSections.TIERS);
    assertThat(sum(tiers, "cost_usd"))
        .as("spend of the tiers")
        .isEqualByComparingTo(sum(totals, "cost_usd"));
    assertThat(sum(tiers, "tokens"))
        .as("tokens of the tiers")
        .isEqualByComparingTo(sum(totals, "tokens"));
    assertThat(sum(tiers, "merged_prs"))
        .as("merges of the tiers")
        .isEqualByComparingTo(sum(totals, "merged_prs"));
    assertThat(sum(report.table(ReportSections.ADOPTION_TEAMS), "merged_prs"))
        .as("merges of the adoption view")
        .isEqualByComparingTo(sum(totals, "merged_prs"));
    assertThat(sum(report.table(ReportSections.SPEND_COVERAGE), "uninstrumented_usd"))
        .as("uninstrumented spend of the coverage section")
        .isEqualByComparingTo(sum(totals, "uninstrumented_usd"));
    assertThat(sum(report.table(ReportSections.SPEND_COVERAGE), "telemetry_usd"))
        .as("telemetry spend of the coverage section: every request was of the exported provider")
        .isEqualByComparingTo(sum(totals, "cost_usd"));
    assertThat(sum(report.table(ReportSections.SURVIVAL), "pr_ai_cost_usd"))
        .as("AI cost of concluded PRs")
        // the merged PRs' attributed cost and bob's PR 104, closed unmerged at $4
        .isEqualByComparingTo(
            sum(report.table(ReportSections.COST_PER_PR), "ai_cost_usd").add(new BigDecimal("4")));
  }

  private static BigDecimal sum(ResultTable table, String column) {
    return table.column(column).stream()
        .filter(v -> v != null && !v.isEmpty())
        .map(BigDecimal::new)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void shouldSumWasteByPatternCountingOnlyTheLatestVersionOfEachFinding() {
    ResultTable waste = report.table(ReportSections.WASTE);
    assertThat(waste.column("pattern"))
        .containsExactly("OVERNIGHT_PADDING", "LOOPING_AGENT", "RETRY_STORM");
    assertThat(waste.column("findings")).containsExactly("1", "2", "1");
    assertThat(waste.column("tokens")).containsExactly("1200000", "800000", "50000");
    assertThat(waste.column("wasted_cost_usd")).containsExactly("9", "8.5", "0.4");
    assertThat(waste.column("share_of_spend")).containsExactly("0.1915", "0.1809", "0.0085");
  }

  @Test
  void shouldListTheWorstLoopsWithTheirRepeatsAndTheOvernightPadding() {
    ResultTable loops = report.table(ReportSections.LOOPS);
    assertThat(loops.column("engineer_id")).containsExactly("bob", "alice");
    assertThat(loops.column("repeats")).containsExactly("14", "7");
    assertThat(loops.column("tokens")).containsExactly("600000", "200000");
    assertThat(report.table(ReportSections.OVERNIGHT).rows()).hasSize(1);
    assertThat(row(ReportSections.OVERNIGHT, 0).subList(0, 2)).containsExactly("bob", "payments");
    assertThat(report.table(ReportSections.OVERNIGHT).column("hours")).containsExactly("7.5");
  }

  @Test
  void shouldAverageTheAttributedCostOfMergedPrsPerTeam() {
    ResultTable perPr = report.table(ReportSections.COST_PER_PR);
    assertThat(perPr.column("team")).containsExactly("search", "payments", "platform");
    assertThat(perPr.column("merged_prs")).containsExactly("1", "3", "2");
    assertThat(perPr.column("ai_cost_usd")).containsExactly("9", "10.5", "1.5");
    assertThat(perPr.column("cost_per_merged_pr_usd")).containsExactly("9", "3.5", "0.75");
    assertThat(perPr.column("max_pr_cost_usd")).containsExactly("9", "6", "1");
  }

  @Test
  void shouldCallNoPrAiHeavyAmongFewerThanTwentyMergedPrsWhateverTheLinkSays() {
    // INC-7's link was emitted with a percentile of 96 and ai_heavy; six merged PRs rank nothing
    // (IncidentSectionIT)
    assertThat(report.table(ReportSections.INCIDENTS).rows()).isEmpty();
  }

  @Test
  void shouldGroupAlertsByKindAndSubject() {
    ResultTable alerts = report.table(ReportSections.ALERTS);
    assertThat(alerts.column("subject_id")).containsExactly("payments", "bob");
    assertThat(alerts.column("alerts")).containsExactly("1", "2");
    assertThat(alerts.column("max_observed_usd")).containsExactly("31", "16");
  }

  @Test
  void shouldShowEachTeamBudgetAgainstTodaysSpend() {
    ResultTable budgets = report.table(ReportSections.BUDGETS);
    assertThat(budgets.column("team")).containsExactly("payments", "platform", "uninstrumented");
    assertThat(budgets.column("status")).containsExactly("WARNING", "OK", "NO BUDGET");
    assertThat(budgets.column("daily_used_share")).containsExactly("0.8857", "0.04", null);
    assertThat(budgets.column("spent_today_usd")).containsExactly("31", "4", "5");
  }

  @Test
  void shouldShowTheExportedSpendTheTelemetryDidNotSeeOnce() {
    ResultTable coverage = report.table(ReportSections.SPEND_COVERAGE);
    assertThat(coverage.rows())
        .containsExactly(
            List.of(today().toString(), "anthropic", "", "52", "47", "5", "0.9038", "0"));
  }

  @Test
  void shouldBurnPerTeamAndHourOfDay() {
    ResultTable hourly = report.hourlyBurn();
    assertThat(hourly.rows())
        .hasSize(18 + 7 + 12); // payments 01:00-18:00, platform 10:00-16:00, search 08:00-19:00
    assertThat(SvgHourlyChart.series(hourly, "cost_usd").get("payments")[1]).isEqualTo(2.0);
  }

  @Test
  void shouldLeaveDaysBeforeTheWindowOut(StackScope stack) throws Exception {
    try (ClickHouseQueries queries = new ClickHouseQueries(ReportFixtures.config(stack))) {
      ReportData tomorrowOn =
          new ReportLoader(queries, Clock.systemUTC())
              .load(new ReportWindow(today().plusDays(1), 1, 15));
      assertThat(tomorrowOn.table(ReportSections.ENGINEERS).rows()).isEmpty();
      assertThat(tomorrowOn.table(ReportSections.WASTE).rows()).isEmpty();
      assertThat(tomorrowOn.table(ReportSections.ALERTS).rows()).isEmpty();
    }
  }

  @Test
  void shouldPrintTheReportAsAlignedTablesAndExitZero(StackScope stack) {
    Output output = new Output();
    int code =
        ReportMain.run(
            new String[] {"--top", "3"},
            ReportFixtures.env(stack),
            Clock.systemUTC(),
            output.out(),
            output.err());
    assertThat(code).as(output.errText()).isZero();
    String text = output.outText();
    assertThat(text)
        .contains(
            "Value per dollar: engineers",
            "Waste by pattern",
            "Worst loops",
            "Overnight padding",
            "Cost per merged PR by team",
            "Incidents after AI-heavy PRs",
            "Alerts raised",
            "Cost per merged PR by usage tier",
            "Review survival",
            "Little or no AI use: engineers");
    assertThat(text)
        .contains("  carol     platform           2                $0.75")
        .contains("  alice     payments           3                $3.50")
        .doesNotContain(
            "  bob       payments           0") // fifth in the leaderboard, past --top 3
        .contains(
            "  OVERNIGHT_PADDING         1          1  1,200,000             $9.00           19.2%\n")
        .doesNotContain("INC-7")
        .doesNotContain("INC-8");
  }

  @Test
  void shouldExitThreeNamingTheMissingTablesWhenTheDatabaseHasNone(StackScope stack) {
    Output output = new Output();
    String url =
        stack.clickhouseJdbcUrl().replace("/" + stack.database(), "/" + stack.database() + "_none");
    int code =
        ReportMain.run(
            new String[0],
            Map.of("TOKENLENS_CLICKHOUSE_URL", url),
            Clock.systemUTC(),
            output.out(),
            output.err());
    assertThat(code).isEqualTo(3);
    assertThat(output.errText())
        .contains("lacks the tokenlens tables", "pr_outcomes", "./tokenlens sink");
    assertThat(output.outText()).isEmpty();
  }

  @Test
  void shouldExitThreeWhenClickHouseCannotBeReached() {
    Output output = new Output();
    int code =
        ReportMain.run(
            new String[0],
            Map.of("TOKENLENS_CLICKHOUSE_URL", "http://127.0.0.1:1/default"),
            Clock.systemUTC(),
            output.out(),
            output.err());
    assertThat(code).isEqualTo(3);
    assertThat(output.errText()).contains("cannot reach ClickHouse at http://127.0.0.1:1");
  }

  @Test
  void shouldRefuseAnUnknownArgumentWithExitTwo() {
    Output output = new Output();
    assertThat(
            ReportMain.run(
                new String[] {"--colour"}, Map.of(), Clock.systemUTC(), output.out(), output.err()))
        .isEqualTo(2);
    assertThat(output.errText())
        .contains(
            "unknown option '--colour'; known: --days, --top, --html, --help",
            "usage: ./tokenlens report");
  }

  /** Captured stdout and stderr of a command. */
  static final class Output {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    PrintStream out() {
      return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    PrintStream err() {
      return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    String outText() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String errText() {
      return err.toString(StandardCharsets.UTF_8);
    }
  }
}
