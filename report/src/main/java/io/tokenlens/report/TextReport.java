package io.tokenlens.report;

/**
 * The report as plain text for a terminal: one titled, aligned table per section, "none yet" when
 * empty.
 */
public final class TextReport {

  /** What an empty section prints. */
  public static final String NONE_YET = "none yet";

  private TextReport() {}

  public static String render(ReportData data) {
    StringBuilder out = new StringBuilder();
    out.append("tokenlens report: ")
        .append(data.window().describe())
        .append(", from ")
        .append(data.source())
        .append(" at ")
        .append(data.generatedAt().toString(), 0, 19)
        .append("Z\n");
    for (SectionResult result : data.sections()) {
      ReportSection section = result.section();
      out.append('\n')
          .append(section.title())
          .append('\n')
          .append("=".repeat(section.title().length()))
          .append('\n')
          .append(section.description())
          .append("\n\n");
      if (isEmpty(result)) {
        out.append("  ").append(NONE_YET).append('\n');
      } else {
        out.append(TextTable.render(result.table(), section.columns(), "  "));
      }
    }
    return out.toString();
  }

  /** No rows, or (the totals) one row of nothing. */
  static boolean isEmpty(SectionResult result) {
    ResultTable table = result.table();
    if (table.isEmpty()) {
      return true;
    }
    if (result.section().id().equals(ReportSections.TOTALS.id())) {
      return table.rows().get(0).stream().allMatch(v -> v == null || v.equals("0"));
    }
    return false;
  }
}
