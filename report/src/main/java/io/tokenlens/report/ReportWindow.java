package io.tokenlens.report;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the report covers: UTC days from {@code since} on (everything when {@code days} is 0), and
 * at most {@code top} rows per list.
 *
 * @param since the first day reported
 * @param days the number of days reported, today included; 0 for all data
 * @param top rows per list
 */
public record ReportWindow(LocalDate since, int days, int top) {

  /**
   * The last {@code days} UTC days ending {@code today} (all data when 0), {@code top} rows per
   * list.
   */
  public static ReportWindow of(LocalDate today, int days, int top) {
    if (days < 0 || top <= 0) {
      throw new IllegalArgumentException("days must be 0 or more and top positive");
    }
    return new ReportWindow(
        days == 0 ? LocalDate.of(1970, 1, 1) : today.minusDays(days - 1L), days, top);
  }

  /** The query parameters every section takes. */
  public Map<String, Object> parameters() {
    return Map.of("since", since.toString(), "top", top);
  }

  /** How the report names its window. */
  public String describe() {
    return days == 0
        ? "all data"
        : "the last " + days + " day" + (days == 1 ? "" : "s") + " (UTC, since " + since + ")";
  }
}
