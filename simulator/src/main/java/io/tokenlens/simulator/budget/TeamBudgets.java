package io.tokenlens.simulator.budget;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Daily budgets for the simulated teams, sized from each team's own simulated spend so that the
 * budget guardrails have something to say: the teams in name order take turns between three
 * expectations, each with a clear margin on both sides of the alert thresholds (80 % and 100 % of
 * the budget). The spend is priced as the streams job prices it (the shipped price table in effect
 * at each request's time, {@link PriceBook}), per UTC day of event time, and the budget is set
 * against the team's costliest day:
 *
 * <ul>
 *   <li>{@link Expectation#EXHAUSTED}: budget 0.8 × the costliest day, which passes 100 % (and so
 *       80 %) at 80 % of that day's spend;
 *   <li>{@link Expectation#WARNED}: budget the costliest day / 0.9, whose 80 % (0.89 × the day) is
 *       passed and whose 100 % (1.11 × the day) is not;
 *   <li>{@link Expectation#QUIET}: budget 2 × the costliest day, whose 80 % is never reached.
 * </ul>
 *
 * The CI bot's team has no budget.
 */
public final class TeamBudgets {

  /** Which daily alerts a team's budget should raise. */
  public enum Expectation {
    /** 80 % and 100 % on the costliest day. */
    EXHAUSTED(0.8),
    /** 80 % on the costliest day, never 100 %. */
    WARNED(1 / 0.9),
    /** None. */
    QUIET(2.0);

    private final double share;

    Expectation(double share) {
      this.share = share;
    }
  }

  /**
   * One team's budget.
   *
   * @param team team name
   * @param dailyUsd the daily budget
   * @param costliestDayUsd the team's simulated spend on its costliest UTC day
   * @param expectation which alerts the budget should raise
   */
  public record Budget(
      String team, double dailyUsd, double costliestDayUsd, Expectation expectation) {}

  private TeamBudgets() {}

  /** Budgets for every team with priced spend in {@code timeline}, priced with {@code prices}. */
  public static List<Budget> sizedFrom(
      Organisation organisation, Timeline timeline, List<ModelPrice> prices) {
    Map<String, Map<LocalDate, Double>> spend = dailySpend(organisation, timeline, prices);
    List<Budget> budgets = new ArrayList<>();
    int turn = 0;
    for (Map.Entry<String, Map<LocalDate, Double>> team : spend.entrySet()) {
      double costliest =
          team.getValue().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      if (costliest <= 0) {
        continue;
      }
      Expectation expectation = Expectation.values()[turn++ % Expectation.values().length];
      budgets.add(
          new Budget(team.getKey(), round(costliest * expectation.share), costliest, expectation));
    }
    return budgets;
  }

  /** Each team's priced spend per UTC day, teams in name order. */
  static Map<String, Map<LocalDate, Double>> dailySpend(
      Organisation organisation, Timeline timeline, List<ModelPrice> prices) {
    Map<String, String> teamByEmail =
        organisation.engineers().stream()
            .collect(Collectors.toMap(Engineer::email, Engineer::team));
    PriceBook book = new PriceBook(prices);
    Map<String, Map<LocalDate, Double>> spend = new TreeMap<>();
    for (GeneratedEvent event : timeline.events()) {
      if (event.topic() != Topics.TOKEN_USAGE) {
        continue;
      }
      TokenUsage usage = (TokenUsage) event.value();
      String team = usage.getUserEmail() == null ? null : teamByEmail.get(usage.getUserEmail());
      Double cost = book.costUsd(usage);
      if (team != null && cost != null) {
        spend
            .computeIfAbsent(team, t -> new HashMap<>())
            .merge(LocalDate.ofInstant(usage.getOccurredAt(), ZoneOffset.UTC), cost, Double::sum);
      }
    }
    return spend;
  }

  /** Whole cents: a budget reads as a budget. */
  private static double round(double usd) {
    return Math.round(usd * 100) / 100.0;
  }
}
