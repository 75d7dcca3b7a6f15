package io.tokenlens.simulator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.budget.TeamBudgets.Budget;
import io.tokenlens.simulator.budget.TeamBudgets.Expectation;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Organisation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamBudgetsTest {
  private static final Instant END = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void budgetsLeaveAClearMarginOnTheRightSideOfEachThresholdForEverySeed() {
    List<ModelPrice> prices = DefaultPrices.load(0);
    for (long seed = 1; seed <= 4; seed++) {
      Organisation organisation = Organisation.generate(seed, 40, 6);
      Timeline timeline = Simulation.run(organisation, seed, 2, END, 0.1, true);
      Map<String, Map<LocalDate, Double>> spend =
          TeamBudgets.dailySpend(organisation, timeline, prices);
      List<Budget> budgets = TeamBudgets.sizedFrom(organisation, timeline, prices);

      assertThat(budgets).extracting(Budget::expectation).contains(Expectation.values());
      assertThat(budgets)
          .extracting(Budget::team)
          .doesNotContain(Organisation.CI_TEAM)
          .containsExactlyElementsOf(spend.keySet());
      for (Budget budget : budgets) {
        double costliest =
            spend.get(budget.team()).values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElseThrow();
        double daily = budget.dailyUsd();
        switch (budget.expectation()) {
          case EXHAUSTED -> assertThat(costliest).as(budget.toString()).isGreaterThan(1.1 * daily);
          case WARNED ->
              assertThat(costliest)
                  .as(budget.toString())
                  .isGreaterThan(1.1 * 0.8 * daily)
                  .isLessThan(0.95 * daily);
          case QUIET -> assertThat(costliest).as(budget.toString()).isLessThan(0.8 * daily / 1.5);
          default -> throw new AssertionError(budget);
        }
      }
    }
  }
}
