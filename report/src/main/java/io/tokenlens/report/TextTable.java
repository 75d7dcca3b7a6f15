package io.tokenlens.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows printed as an aligned plain-text table: a header, a rule, numbers right-aligned, two spaces
 * between.
 */
public final class TextTable {

  private TextTable() {}

  /** The rows of {@code table} under {@code columns}; each line starts with {@code indent}. */
  public static String render(ResultTable table, List<ReportColumn> columns, String indent) {
    List<List<String>> cells = new ArrayList<>();
    for (List<String> row : table.rows()) {
      List<String> line = new ArrayList<>();
      for (ReportColumn c : columns) {
        line.add(c.format().format(row.get(table.indexOf(c.name()))));
      }
      cells.add(line);
    }
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).label().length();
      for (List<String> line : cells) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    List<String> header = columns.stream().map(ReportColumn::label).toList();
    appendLine(out, indent, header, columns, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    appendLine(out, indent, rule, columns, widths);
    for (List<String> line : cells) {
      appendLine(out, indent, line, columns, widths);
    }
    return out.toString();
  }

  private static void appendLine(
      StringBuilder out,
      String indent,
      List<String> cells,
      List<ReportColumn> columns,
      int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(columns.get(i).format().numeric() ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
