package io.tokenlens.streams.alerts;

import io.tokenlens.schemas.avro.BudgetEntry;
import io.tokenlens.schemas.avro.BudgetPeriod;
import io.tokenlens.schemas.avro.BurnAlert;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Daily and monthly spend per subject (UTC calendar days and months of the requests' event time)
 * against the directory's budgets: at 80% and at 100% of a budget an alert is raised, once per
 * level and period, whatever the order of arrival and however often the threshold is passed again.
 * Spend and raised alerts live in window stores keyed by period start, so both expire after a
 * month.
 */
final class BudgetGuard {

  static final int[] LEVELS = {80, 100};

  private final WindowStore<String, Double> spend;
  private final WindowStore<String, Long> raised;

  BudgetGuard(WindowStore<String, Double> spend, WindowStore<String, Long> raised) {
    this.spend = spend;
    this.raised = raised;
  }

  /** Adds a request's cost to its periods; the alerts it makes due. */
  List<BurnAlert> add(Subject subject, String team, BudgetEntry budget, Instant at, double cost) {
    List<BurnAlert> alerts = new ArrayList<>();
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    check(
        alerts,
        subject,
        team,
        BudgetPeriod.DAILY,
        start(day),
        start(day.plusDays(1)),
        budget == null ? null : budget.getDailyUsd(),
        at,
        cost);
    LocalDate month = day.with(TemporalAdjusters.firstDayOfMonth());
    check(
        alerts,
        subject,
        team,
        BudgetPeriod.MONTHLY,
        start(month),
        start(month.plusMonths(1)),
        budget == null ? null : budget.getMonthlyUsd(),
        at,
        cost);
    return alerts;
  }

  private void check(
      List<BurnAlert> alerts,
      Subject subject,
      String team,
      BudgetPeriod period,
      Instant start,
      Instant end,
      Double budget,
      Instant at,
      double cost) {
    String key = subject.key() + "|" + period;
    Double before = spend.fetch(key, start.toEpochMilli());
    double total = (before == null ? 0 : before) + cost;
    spend.put(key, total, start.toEpochMilli());
    if (budget == null || budget <= 0) {
      return;
    }
    for (int percent : LEVELS) {
      if (total >= budget * percent / 100.0) {
        BurnAlert alert =
            BurnAlerts.budget(subject, team, period, start, end, at, total, budget, percent);
        if (raised.fetch(alert.getAlertId(), start.toEpochMilli()) == null) {
          raised.put(alert.getAlertId(), at.toEpochMilli(), start.toEpochMilli());
          alerts.add(alert);
        }
      }
    }
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
