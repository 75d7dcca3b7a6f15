package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigReader;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the burn and budget alerts.
 *
 * @param burnMinUsd the least hourly spend that can be anomalous: quieter hours never alert,
 *     whatever their score
 * @param burnZThreshold the z-score (observed minus baseline mean, over the baseline standard
 *     deviation) from which an hour is anomalous
 * @param burnHalfLifeWeeks half-life of the baseline, in observations of the same hour of the week
 *     (weeks)
 * @param burnMinWeeks how many earlier observations of the same hour of the week the baseline needs
 *     before it alerts
 * @param burnGrace how long after an hour's end its spend may still arrive before the hour is
 *     evaluated (wall clock)
 * @param evaluateInterval wall-clock interval of the hourly evaluation
 * @param baselineRetention how long a baseline is kept without a new observation; more than a week
 */
public record AlertSettings(
    double burnMinUsd,
    double burnZThreshold,
    double burnHalfLifeWeeks,
    int burnMinWeeks,
    Duration burnGrace,
    Duration evaluateInterval,
    Duration baselineRetention) {

  public static final String BURN_MIN_USD = "streams.alerts.burn.min.usd";
  public static final String BURN_Z_THRESHOLD = "streams.alerts.burn.z.threshold";
  public static final String BURN_HALF_LIFE_WEEKS = "streams.alerts.burn.half.life.weeks";
  public static final String BURN_MIN_WEEKS = "streams.alerts.burn.min.weeks";
  public static final String BURN_GRACE_MS = "streams.alerts.burn.grace.ms";
  public static final String EVALUATE_INTERVAL_MS = "streams.alerts.evaluate.interval.ms";
  public static final String BASELINE_RETENTION_MS = "streams.alerts.baseline.retention.ms";

  static void defaults(Map<String, String> d) {
    d.put(BURN_MIN_USD, "5.0");
    d.put(BURN_Z_THRESHOLD, "3.0");
    d.put(BURN_HALF_LIFE_WEEKS, "4");
    d.put(BURN_MIN_WEEKS, "2");
    d.put(BURN_GRACE_MS, Long.toString(Duration.ofMinutes(5).toMillis()));
    d.put(EVALUATE_INTERVAL_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(BASELINE_RETENTION_MS, Long.toString(Duration.ofDays(56).toMillis()));
  }

  static AlertSettings read(ConfigReader reader) {
    double minUsd = reader.doubleAtLeast(BURN_MIN_USD, 0);
    double z = reader.doubleAtLeast(BURN_Z_THRESHOLD, 0);
    double halfLife = reader.doubleAtLeast(BURN_HALF_LIFE_WEEKS, 0.1);
    int minWeeks = reader.intAtLeast(BURN_MIN_WEEKS, 1);
    Duration grace = reader.millisAtLeast(BURN_GRACE_MS, 0);
    Duration interval = reader.millisAtLeast(EVALUATE_INTERVAL_MS, 1000);
    Duration retention = reader.millisAtLeast(BASELINE_RETENTION_MS, Duration.ofDays(8).toMillis());
    return new AlertSettings(minUsd, z, halfLife, minWeeks, grace, interval, retention);
  }
}
