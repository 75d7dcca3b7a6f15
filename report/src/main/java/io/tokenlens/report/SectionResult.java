package io.tokenlens.report;

/** A report section and the rows its query returned. */
public record SectionResult(ReportSection section, ResultTable table) {}
