package io.tokenlens.report.erase;

/**
 * What one step did.
 *
 * @param step the step
 * @param rows the person's rows the step found and erased (0 when there were none: nothing was run)
 */
public record StepResult(ErasureStep step, long rows) {

  /**
   * One line of the command's output: table, the columns concerned, what happened, how many rows.
   */
  public String describe() {
    return String.format(
        "%-16s %-12s %6d rows  (%s)",
        step.table(),
        step.action().label(),
        rows,
        step.columns().isEmpty()
            ? "tombstones of erased entries"
            : String.join(", ", step.columns()));
  }
}
