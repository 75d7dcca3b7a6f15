package io.tokenlens.report.erase;

import io.tokenlens.report.ClickHouseQueries;
import io.tokenlens.report.QueryFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the {@link ErasurePlan} for one person: per step, counts the person's rows, and only when
 * there are some runs the step's statements (synchronous mutations). A second run finds nothing and
 * changes nothing.
 */
public final class Eraser {

  private final ClickHouseQueries clickhouse;

  public Eraser(ClickHouseQueries clickhouse) {
    this.clickhouse = clickhouse;
  }

  /**
   * Erases the person from every table of the plan; {@code progress} hears of each step as it
   * finishes.
   */
  public List<StepResult> erase(Person person, Consumer<StepResult> progress)
      throws QueryFailedException {
    List<StepResult> results = new ArrayList<>();
    for (ErasureStep step : ErasurePlan.steps()) {
      StepResult result = new StepResult(step, run(step, person));
      results.add(result);
      progress.accept(result);
    }
    return results;
  }

  /** Counts the person's rows per step and changes nothing (the command's {@code --dry-run}). */
  public List<StepResult> count(Person person) throws QueryFailedException {
    List<StepResult> results = new ArrayList<>();
    for (ErasureStep step : ErasurePlan.steps()) {
      results.add(new StepResult(step, rows(step, person)));
    }
    return results;
  }

  private long rows(ErasureStep step, Person person) throws QueryFailedException {
    return Long.parseLong(clickhouse.query(step.countSql(person), Map.of()).column("n").get(0));
  }

  private long run(ErasureStep step, Person person) throws QueryFailedException {
    long rows = rows(step, person);
    if (rows == 0) {
      return 0;
    }
    String fingerprint =
        step.action() == ErasureStep.Action.PSEUDONYMISE_BY_COPY
            ? clickhouse.query(step.fingerprintSql(person), Map.of()).column("f").get(0)
            : "";
    for (String statement : step.statements(person, fingerprint)) {
      try {
        clickhouse.query(statement, Map.of());
      } catch (QueryFailedException e) {
        throw new QueryFailedException(step.table() + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }
}
