package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incident section on the default demo's shape ({@code incident-fixtures.sql}): one incident
 * linked to 24 merges, every link emitted at $0.00 with a percentile of 100. Only the pull requests
 * whose final cost is in the top decile of merged pull requests are listed, with that cost.
 */
@StackTest
class IncidentSectionIT {

  private static ReportData report;

  @BeforeAll
  static void loadFixturesAndQuery(StackScope stack) throws Exception {
    report = ReportFixtures.loadAndReport(stack, "incident-fixtures.sql");
  }

  @Test
  void shouldListOnlyPrsWhoseFinalCostIsInTheTopDecileNotTiesAtZero() {
    ResultTable incidents = report.table(ReportSections.INCIDENTS);
    assertThat(incidents.column("pull_request"))
        .containsExactly("acme/checkout#24", "acme/checkout#23");
    assertThat(incidents.column("incident_id")).containsOnly("INC-42");
  }

  @Test
  void shouldShowTheLatestAttributedCostAndItsPercentileAmongMergedPrs() {
    ResultTable incidents = report.table(ReportSections.INCIDENTS);
    assertThat(incidents.column("pr_cost_usd")).containsExactly("110.74", "50");
    assertThat(incidents.column("pr_cost_percentile")).containsExactly("95.8", "91.7");
  }

  @Test
  void shouldAgreeWithTheWasteSectionOnTheIncidentFindingsCost() {
    ResultTable waste = report.table(ReportSections.WASTE);
    int row = waste.column("pattern").indexOf("INCIDENT_AFTER_AI_HEAVY_PR");
    assertThat(waste.column("wasted_cost_usd").get(row))
        .isEqualTo(report.table(ReportSections.INCIDENTS).column("pr_cost_usd").get(0));
  }
}
