package io.tokenlens.streams.alerts;

import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BudgetPeriod;
import io.tokenlens.schemas.avro.BurnAlert;
import java.time.Instant;
import java.util.Locale;

/** The pure construction of {@link BurnAlert}s: stable ids and the human-readable messages. */
final class BurnAlerts {

  private BurnAlerts() {}

  /** {@code ANOMALOUS_BURN:<SUBJECT>:<hour start>}: one alert per subject and hour. */
  static BurnAlert anomaly(
      Subject subject,
      String team,
      Instant hourStart,
      Instant hourEnd,
      Instant raisedAt,
      double observed,
      Baseline baseline,
      double score,
      double threshold) {
    return BurnAlert.newBuilder()
        .setAlertId(AlertKind.ANOMALOUS_BURN + ":" + subject.key() + ":" + hourStart)
        .setKind(AlertKind.ANOMALOUS_BURN)
        .setSubjectKind(subject.kind())
        .setSubjectId(subject.id())
        .setTeam(team)
        .setWindowStart(hourStart)
        .setWindowEnd(hourEnd)
        .setRaisedAt(raisedAt)
        .setObservedUsd(observed)
        .setBaselineUsd(baseline.mean())
        .setThresholdUsd(threshold)
        .setMessage(
            String.format(
                Locale.ROOT,
                "%s spent $%.2f in the hour from %s, %.1f standard deviations above the usual $%.2f for that hour of "
                    + "the week (score %.2f, threshold $%.2f)",
                subject.describe(),
                observed,
                hourStart,
                score,
                baseline.mean(),
                score,
                threshold))
        .build();
  }

  /**
   * {@code BUDGET_<80|100>_PERCENT:<SUBJECT>:<PERIOD>:<period start>}: one alert per level and
   * period.
   */
  static BurnAlert budget(
      Subject subject,
      String team,
      BudgetPeriod period,
      Instant periodStart,
      Instant periodEnd,
      Instant raisedAt,
      double observed,
      double budget,
      int percent) {
    AlertKind kind = percent >= 100 ? AlertKind.BUDGET_100_PERCENT : AlertKind.BUDGET_80_PERCENT;
    return BurnAlert.newBuilder()
        .setAlertId(kind + ":" + subject.key() + ":" + period + ":" + periodStart)
        .setKind(kind)
        .setSubjectKind(subject.kind())
        .setSubjectId(subject.id())
        .setTeam(team)
        .setBudgetPeriod(period)
        .setWindowStart(periodStart)
        .setWindowEnd(periodEnd)
        .setRaisedAt(raisedAt)
        .setObservedUsd(observed)
        .setThresholdUsd(budget * percent / 100.0)
        .setBudgetUsd(budget)
        .setMessage(
            String.format(
                Locale.ROOT,
                "%s reached %d%% of its %s budget: $%.2f of $%.2f since %s",
                subject.describe(),
                percent,
                period == BudgetPeriod.DAILY ? "daily" : "monthly",
                observed,
                budget,
                periodStart))
        .build();
  }
}
