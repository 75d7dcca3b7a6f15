package io.tokenlens.simulator.eval;

import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BudgetPeriod;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.simulator.alerts.BurnBurst;
import io.tokenlens.simulator.alerts.BurnModel;
import io.tokenlens.simulator.alerts.ReplayHorizon;
import io.tokenlens.simulator.budget.TeamBudgets;
import io.tokenlens.simulator.budget.TeamBudgets.Expectation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The team alerts a replay should raise against those it raised, scored like the detectors: the
 * daily budget levels each simulated team's budget was sized for ({@link TeamBudgets}), the planted
 * burst of burn ({@link BurnBurst}), and every team hour the burn rule raises on the simulated
 * spend ({@link BurnModel}, the burst among them; hours the replay cannot decide, too close to the
 * team's last spend, are left out on both sides). Subjects are {@code <team>} or {@code <team>
 * <hour start>}.
 *
 * @param alert what is scored
 * @param expected subjects that should be raised
 * @param raised subjects raised
 * @param matched raised and expected
 * @param missed expected, not raised
 * @param unexpected raised, not expected
 */
public record AlertScore(
    String alert,
    int expected,
    int raised,
    int matched,
    List<String> missed,
    List<String> unexpected) {

  static AlertScore of(String alert, Set<String> expected, Set<String> raised) {
    Set<String> missed = new TreeSet<>(expected);
    missed.removeAll(raised);
    Set<String> unexpected = new TreeSet<>(raised);
    unexpected.removeAll(expected);
    return new AlertScore(
        alert,
        expected.size(),
        raised.size(),
        expected.size() - missed.size(),
        List.copyOf(missed),
        List.copyOf(unexpected));
  }

  /**
   * @param budgets the simulated teams' budgets
   * @param burst the planted burst, if any
   * @param model the burn rule of the replay
   * @param hourly the simulated spend per team and hour, burst included
   * @param horizon how far the replay closes hours ({@link ReplayHorizon})
   * @param alerts every alert read from {@code burn-alerts}
   */
  static List<AlertScore> score(
      List<TeamBudgets.Budget> budgets,
      Optional<BurnBurst.Planted> burst,
      BurnModel model,
      Map<String, NavigableMap<Instant, Double>> hourly,
      Instant horizon,
      List<BurnAlert> alerts) {
    List<AlertScore> rows = new ArrayList<>();
    rows.add(
        of(
            "BUDGET_80_PERCENT daily",
            teams(budgets, Expectation.EXHAUSTED, Expectation.WARNED),
            raisedDaily(alerts, AlertKind.BUDGET_80_PERCENT)));
    rows.add(
        of(
            "BUDGET_100_PERCENT daily",
            teams(budgets, Expectation.EXHAUSTED),
            raisedDaily(alerts, AlertKind.BUDGET_100_PERCENT)));
    Set<String> burnRaised = new TreeSet<>();
    alerts.stream()
        .filter(a -> a.getKind() == AlertKind.ANOMALOUS_BURN)
        .filter(a -> a.getSubjectKind() == SubjectKind.TEAM)
        .forEach(a -> burnRaised.add(a.getSubjectId() + " " + a.getWindowStart()));
    Set<String> planted = new TreeSet<>();
    burst.ifPresent(b -> planted.add(b.team() + " " + b.hour()));
    Set<String> plantedRaised = new TreeSet<>(burnRaised);
    plantedRaised.retainAll(planted);
    rows.add(of("ANOMALOUS_BURN planted burst", planted, plantedRaised));
    Set<String> rule = new TreeSet<>();
    BurnBurst.expectedAlerts(model, hourly, horizon)
        .forEach((team, hours) -> hours.forEach(h -> rule.add(team + " " + h)));
    Set<String> decidedRaised = new TreeSet<>();
    alerts.stream()
        .filter(a -> a.getKind() == AlertKind.ANOMALOUS_BURN)
        .filter(a -> a.getSubjectKind() == SubjectKind.TEAM)
        .filter(a -> model.isDecided(a.getWindowStart(), horizon))
        .forEach(a -> decidedRaised.add(a.getSubjectId() + " " + a.getWindowStart()));
    rows.add(of("ANOMALOUS_BURN team hours by the rule", rule, decidedRaised));
    return rows;
  }

  private static Set<String> teams(List<TeamBudgets.Budget> budgets, Expectation... raising) {
    Set<Expectation> wanted = Set.of(raising);
    Set<String> teams = new HashSet<>();
    budgets.stream()
        .filter(b -> wanted.contains(b.expectation()))
        .forEach(b -> teams.add(b.team()));
    return teams;
  }

  private static Set<String> raisedDaily(List<BurnAlert> alerts, AlertKind kind) {
    Set<String> teams = new HashSet<>();
    alerts.stream()
        .filter(a -> a.getKind() == kind)
        .filter(a -> a.getSubjectKind() == SubjectKind.TEAM)
        .filter(a -> a.getBudgetPeriod() == BudgetPeriod.DAILY)
        .forEach(a -> teams.add(a.getSubjectId()));
    return teams;
  }
}
