package io.tokenlens.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts (hour-of-day burn per
 * team, waste by pattern, cost per merged PR by team) and the same tables as the text report. No
 * scripts, nothing fetched.
 */
public final class HtmlReport {

  private static final String CSS =
      """
      body { font-family: -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 24px auto;
             max-width: 1100px; color: #222; padding: 0 16px; }
      h1 { margin-bottom: 4px; } h2 { margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
      .meta, .description { color: #666; } .empty { color: #888; font-style: italic; }
      .kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
      .kpi { border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; min-width: 120px; }
      .kpi .value { font-size: 1.4em; font-weight: 600; } .kpi .label { color: #666; font-size: 0.85em; }
      .charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
      figure { margin: 8px 0; } figcaption { font-weight: 600; margin-bottom: 6px; }
      svg.chart { max-width: 100%; height: auto; font-size: 12px; } svg text { fill: #333; }
      table { border-collapse: collapse; font-size: 0.9em; margin-top: 8px; }
      th, td { padding: 4px 10px; border-bottom: 1px solid #eee; text-align: left; white-space: nowrap; }
      th { background: #f6f6f6; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      """;

  private HtmlReport() {}

  public static String render(ReportData data) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>tokenlens report</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n")
        .append("<h1>tokenlens report</h1>\n<p class=\"meta\">")
        .append(Html.escape(data.window().describe()))
        .append(", from ")
        .append(Html.escape(data.source()))
        .append(" at ")
        .append(Html.escape(data.generatedAt().toString().substring(0, 19)))
        .append("Z</p>\n");
    html.append(kpis(data));
    html.append("<h2>Charts</h2>\n<div class=\"charts\">\n")
        .append(hourlyChart(data))
        .append(
            barChart(
                "chart-waste-by-pattern",
                "Estimated wasted cost by pattern",
                data.table(ReportSections.WASTE),
                "pattern",
                "wasted_cost_usd"))
        .append(
            barChart(
                "chart-cost-per-merged-pr",
                "Cost per merged PR by team",
                data.table(ReportSections.COST_PER_PR),
                "team",
                "cost_per_merged_pr_usd"))
        .append("</div>\n");
    for (SectionResult result : data.sections()) {
      if (!result.section().id().equals(ReportSections.TOTALS.id())) {
        html.append(section(result));
      }
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static String kpis(ReportData data) {
    SectionResult totals =
        data.sections().stream()
            .filter(s -> s.section().id().equals(ReportSections.TOTALS.id()))
            .findFirst()
            .orElseThrow();
    if (TextReport.isEmpty(totals)) {
      return "<p class=\"empty\" id=\"totals\">" + TextReport.NONE_YET + "</p>\n";
    }
    StringBuilder out = new StringBuilder("<div class=\"kpis\" id=\"totals\">\n");
    List<String> row = totals.table().rows().get(0);
    for (ReportColumn c : totals.section().columns()) {
      out.append("  <div class=\"kpi\" data-name=\"")
          .append(c.name())
          .append("\"><div class=\"value\">")
          .append(Html.escape(c.format().format(row.get(totals.table().indexOf(c.name())))))
          .append("</div><div class=\"label\">")
          .append(Html.escape(c.label()))
          .append("</div></div>\n");
    }
    return out.append("</div>\n").toString();
  }

  private static String hourlyChart(ReportData data) {
    String title = ReportSections.HOURLY_BURN.title() + " (AI cost, UTC)";
    String body =
        data.hourlyBurn().isEmpty()
            ? empty()
            : SvgHourlyChart.render(
                "chart-hourly-burn", title, SvgHourlyChart.series(data.hourlyBurn(), "cost_usd"));
    return figure(title, body);
  }

  private static String barChart(
      String id, String title, ResultTable rows, String label, String value) {
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    for (List<String> row : rows.rows()) {
      String raw = row.get(rows.indexOf(value));
      if (raw != null) {
        bars.add(
            new SvgBarChart.Bar(
                row.get(rows.indexOf(label)), CellFormat.number(raw), CellFormat.USD.format(raw)));
      }
    }
    return figure(title, bars.isEmpty() ? empty() : SvgBarChart.render(id, title, bars));
  }

  private static String figure(String caption, String body) {
    return "<figure>\n<figcaption>"
        + Html.escape(caption)
        + "</figcaption>\n"
        + body
        + "\n</figure>\n";
  }

  private static String empty() {
    return "<p class=\"empty\">" + TextReport.NONE_YET + "</p>";
  }

  private static String section(SectionResult result) {
    ReportSection section = result.section();
    StringBuilder out = new StringBuilder();
    out.append("<section id=\"")
        .append(section.id())
        .append("\">\n<h2>")
        .append(Html.escape(section.title()))
        .append("</h2>\n<p class=\"description\">")
        .append(Html.escape(section.description()))
        .append("</p>\n");
    if (TextReport.isEmpty(result)) {
      return out.append(empty()).append("\n</section>\n").toString();
    }
    out.append("<table>\n<thead><tr>");
    for (ReportColumn c : section.columns()) {
      out.append(c.format().numeric() ? "<th class=\"num\">" : "<th>")
          .append(Html.escape(c.label()))
          .append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    ResultTable table = result.table();
    for (List<String> row : table.rows()) {
      out.append("<tr>");
      for (ReportColumn c : section.columns()) {
        out.append(c.format().numeric() ? "<td class=\"num\">" : "<td>")
            .append(Html.escape(c.format().format(row.get(table.indexOf(c.name())))))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n</section>\n").toString();
  }
}
