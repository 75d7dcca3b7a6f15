package io.tokenlens.report;

import java.util.List;

/**
 * One section of the report: a titled query and the columns it shows.
 *
 * @param id a stable identifier (HTML anchors, tests)
 * @param title the heading
 * @param description one line saying what the numbers are
 * @param sql the query; may use the parameters {@code {since:Date}} and {@code {top:UInt32}}
 * @param columns the columns shown, in order
 */
public record ReportSection(
    String id, String title, String description, String sql, List<ReportColumn> columns) {

  public ReportSection {
    columns = List.copyOf(columns);
  }
}
