package io.tokenlens.report;

/**
 * One column a report section shows.
 *
 * @param name the column of the section's query
 * @param label the header printed
 * @param format how its cells print
 */
public record ReportColumn(String name, String label, CellFormat format) {

  public static ReportColumn text(String name, String label) {
    return new ReportColumn(name, label, CellFormat.TEXT);
  }

  public static ReportColumn count(String name, String label) {
    return new ReportColumn(name, label, CellFormat.COUNT);
  }

  public static ReportColumn usd(String name, String label) {
    return new ReportColumn(name, label, CellFormat.USD);
  }

  public static ReportColumn share(String name, String label) {
    return new ReportColumn(name, label, CellFormat.SHARE);
  }

  public static ReportColumn ratio(String name, String label) {
    return new ReportColumn(name, label, CellFormat.RATIO);
  }

  public static ReportColumn hours(String name, String label) {
    return new ReportColumn(name, label, CellFormat.HOURS);
  }

  public static ReportColumn time(String name, String label) {
    return new ReportColumn(name, label, CellFormat.TIME);
  }
}
