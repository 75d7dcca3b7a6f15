package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BudgetPeriod;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.simulator.alerts.BurnBurst;
import io.tokenlens.simulator.alerts.BurnModel;
import io.tokenlens.simulator.budget.TeamBudgets.Budget;
import io.tokenlens.simulator.budget.TeamBudgets.Expectation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertScoreTest {
  private static final Instant HOUR = Instant.parse("2026-12-04T07:00:00Z");
  private static final Instant OTHER_HOUR = Instant.parse("2026-12-04T09:00:00Z");

  @Test
  void shouldMatchRaisedTeamAlertsAgainstBudgetsAndBurn() {
    List<Budget> budgets =
        List.of(
            new Budget("team-01", 80, 100, Expectation.EXHAUSTED),
            new Budget("team-02", 111, 100, Expectation.WARNED),
            new Budget("team-03", 200, 100, Expectation.QUIET));
    List<BurnAlert> alerts =
        List.of(
            budget("team-01", AlertKind.BUDGET_80_PERCENT),
            budget("team-01", AlertKind.BUDGET_100_PERCENT),
            budget("team-03", AlertKind.BUDGET_80_PERCENT), // the quiet team: unexpected
            burn("team-02", HOUR),
            burn("team-03", OTHER_HOUR));

    List<AlertScore> rows =
        AlertScore.score(
            budgets,
            Optional.of(new BurnBurst.Planted("team-02", HOUR, 10, 50, 90)),
            new BurnModel(ReplaySettings.DEFAULT.alertSettings()),
            Map.of(
                "team-01", burstAt(OTHER_HOUR),
                "team-02", burstAt(HOUR),
                "team-03", burstAt(null)),
            OTHER_HOUR.plus(Duration.ofHours(5)),
            alerts);

    assertThat(rows)
        .extracting(
            r ->
                r.alert()
                    + ": "
                    + r.expected()
                    + "/"
                    + r.raised()
                    + "/"
                    + r.matched()
                    + " missed "
                    + r.missed()
                    + " unexpected "
                    + r.unexpected())
        .containsExactly(
            "BUDGET_80_PERCENT daily: 2/2/1 missed [team-02] unexpected [team-03]",
            "BUDGET_100_PERCENT daily: 1/1/1 missed [] unexpected []",
            "ANOMALOUS_BURN planted burst: 1/1/1 missed [] unexpected []",
            "ANOMALOUS_BURN team hours by the rule: 2/2/1 missed [team-01 "
                + OTHER_HOUR
                + "] unexpected [team-03 "
                + OTHER_HOUR
                + "]");
  }

  /**
   * $3 in the hour the day before, $40 in the hour ({@code null}: $3 again), and a later hour that
   * lets a replay decide it.
   */
  private static NavigableMap<Instant, Double> burstAt(Instant hour) {
    Instant at = hour == null ? HOUR : hour;
    NavigableMap<Instant, Double> hourly = new TreeMap<>();
    hourly.put(at.minus(Duration.ofDays(1)), 3.0);
    hourly.put(at, hour == null ? 3.0 : 40.0);
    hourly.put(at.plus(Duration.ofHours(5)), 1.0);
    return hourly;
  }

  private static BurnAlert budget(String team, AlertKind kind) {
    return alert(team, kind, HOUR).setBudgetPeriod(BudgetPeriod.DAILY).build();
  }

  private static BurnAlert burn(String team, Instant hour) {
    return alert(team, AlertKind.ANOMALOUS_BURN, hour).build();
  }

  private static BurnAlert.Builder alert(String team, AlertKind kind, Instant start) {
    return BurnAlert.newBuilder()
        .setAlertId(kind + ":TEAM:" + team + ":" + start)
        .setKind(kind)
        .setSubjectKind(SubjectKind.TEAM)
        .setSubjectId(team)
        .setTeam(team)
        .setWindowStart(start)
        .setWindowEnd(start.plusSeconds(3_600))
        .setRaisedAt(start.plusSeconds(4_000))
        .setObservedUsd(1)
        .setMessage("m");
  }
}
