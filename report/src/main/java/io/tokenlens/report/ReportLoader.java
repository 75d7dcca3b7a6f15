package io.tokenlens.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every section's query against ClickHouse, after checking that the sink's tables are there.
 */
public final class ReportLoader {

  private final ClickHouseQueries queries;
  private final Clock clock;

  public ReportLoader(ClickHouseQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  /** Queries the report for {@code window}. */
  public ReportData load(ReportWindow window)
      throws ClickHouseUnavailableException, QueryFailedException {
    queries.requireRelations(ReportSections.requiredRelations());
    List<SectionResult> sections = new ArrayList<>();
    for (ReportSection section : ReportSections.printed()) {
      sections.add(new SectionResult(section, run(section, window)));
    }
    return new ReportData(
        clock.instant(),
        queries.config().describe(),
        window,
        sections,
        run(ReportSections.HOURLY_BURN, window));
  }

  private ResultTable run(ReportSection section, ReportWindow window) throws QueryFailedException {
    try {
      return queries.query(section.sql(), window.parameters());
    } catch (QueryFailedException e) {
      throw new QueryFailedException(
          "the query of section '" + section.title() + "' failed: " + e.getMessage(), e);
    }
  }
}
