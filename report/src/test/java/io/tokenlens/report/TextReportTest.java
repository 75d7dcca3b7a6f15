package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

  private static ResultTable empty(ReportSection section) {
    List<String> names = section.columns().stream().map(ReportColumn::name).toList();
    return new ResultTable(names, names.stream().map(n -> "String").toList(), List.of());
  }

  private static ReportData reportWith(ReportSection section, ResultTable rows) {
    List<SectionResult> sections = new ArrayList<>();
    for (ReportSection s : ReportSections.printed()) {
      sections.add(new SectionResult(s, s == section ? rows : empty(s)));
    }
    return new ReportData(
        Instant.parse("2026-12-01T10:00:00Z"),
        "http://127.0.0.1:8123/default",
        ReportWindow.of(LocalDate.of(2026, 12, 1), 0, 15),
        sections,
        empty(ReportSections.HOURLY_BURN));
  }

  @Test
  void shouldSayNoneYetForEverySectionWithoutRows() {
    String text = TextReport.render(reportWith(ReportSections.WASTE, empty(ReportSections.WASTE)));
    for (ReportSection section : ReportSections.printed()) {
      assertThat(text)
          .contains(
              section.title()
                  + "\n"
                  + "=".repeat(section.title().length())
                  + "\n"
                  + section.description()
                  + "\n\n  none yet\n");
    }
  }

  @Test
  void shouldSayNoneYetForTotalsOfNothing() {
    ResultTable zeros =
        new ResultTable(
            List.of(
                "tokens",
                "cost_usd",
                "engineers",
                "merged_prs",
                "findings",
                "wasted_cost_usd",
                "alerts",
                "uninstrumented_usd"),
            List.of(
                "Int64", "Float64", "UInt64", "UInt64", "UInt64", "Float64", "UInt64", "Float64"),
            List.of(java.util.Arrays.asList(null, null, "0", "0", "0", null, "0", "0")));
    assertThat(TextReport.render(reportWith(ReportSections.TOTALS, zeros)))
        .contains("Totals\n======\nSpend next to outcomes over the reported days.\n\n  none yet\n");
  }

  @Test
  void shouldAlignTextLeftAndNumbersRightUnderTheirHeaders() {
    ResultTable rows =
        new ResultTable(
            List.of(
                "team",
                "merged_prs",
                "cost_per_merged_pr_usd",
                "spend_in_merged_prs_share",
                "waste_share",
                "ai_prs_unapproved",
                "incidents",
                "cost_usd",
                "tokens"),
            List.of(
                "String",
                "UInt64",
                "Nullable(Float64)",
                "Nullable(Float64)",
                "Nullable(Float64)",
                "UInt64",
                "UInt64",
                "Float64",
                "Int64"),
            List.of(
                List.of("payments", "3", "3.5", "0.3387", "0.5645", "1", "0", "31", "2628000"),
                java.util.Arrays.asList(
                    "a-very-long-team", "0", null, null, "0", "0", "0", "0.004", "5")));
    String text = TextReport.render(reportWith(ReportSections.TEAMS, rows));
    assertThat(text)
        .contains(
            """
          team              merged PRs  AI cost / merged PR  spend in merged PRs  waste share  unapproved AI PRs  incidents   spend     tokens
          ----------------  ----------  -------------------  -------------------  -----------  -----------------  ---------  ------  ---------
          payments                   3                $3.50                33.9%        56.5%                  1          0  $31.00  2,628,000
          a-very-long-team           0                    -                    -         0.0%                  0          0   $0.00          5
        """);
  }
}
