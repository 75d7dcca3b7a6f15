package io.tokenlens.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything one report shows, as queried.
 *
 * @param generatedAt when the queries ran
 * @param source the ClickHouse address and database read
 * @param window what the report covers
 * @param sections the printed sections with their rows, in order
 * @param hourlyBurn hour-of-day burn per team (the HTML chart)
 */
public record ReportData(
    Instant generatedAt,
    String source,
    ReportWindow window,
    List<SectionResult> sections,
    ResultTable hourlyBurn) {

  public ReportData {
    sections = List.copyOf(sections);
  }

  /** The rows of one section. */
  public ResultTable table(ReportSection section) {
    return sections.stream()
        .filter(s -> s.section().id().equals(section.id()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no section " + section.id()))
        .table();
  }
}
