package io.tokenlens.bench;

/**
 * One row of the results table.
 *
 * @param name what is measured
 * @param target the target it is held against, as text (e.g. "≥ 50,000 events/s")
 * @param measured the measured value
 * @param unit unit of the measured value and the baseline
 * @param baseline what the figure is compared with in the same run (null when nothing is)
 * @param baselineName what the baseline is
 * @param met whether the target was met; null for a figure reported without a target
 * @param limitedBy what limited the figure in this run
 */
public record Figure(
    String name,
    String target,
    double measured,
    String unit,
    Double baseline,
    String baselineName,
    Boolean met,
    String limitedBy) {}
