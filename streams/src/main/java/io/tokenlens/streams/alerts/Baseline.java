package io.tokenlens.streams.alerts;

import io.tokenlens.streams.config.AlertSettings;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The exponentially weighted mean and variance of one subject's spend in one hour of the week, over
 * the hours of that slot with spend ({@code observations} of them so far). Immutable.
 *
 * @param mean weighted mean spend in USD
 * @param variance weighted variance, USD²
 * @param observations how many hours went into it
 */
public record Baseline(double mean, double variance, long observations) {

  /**
   * Share of the mean the standard deviation is at least: a perfectly regular history does not make
   * every small increase infinitely anomalous.
   */
  static final double MIN_DEVIATION_SHARE = 0.1;

  /** The baseline after its first observation. */
  public static Baseline first(double observed) {
    return new Baseline(observed, 0, 1);
  }

  /**
   * The standard deviation used for scoring: at least {@value #MIN_DEVIATION_SHARE} of the mean, at
   * least 1 cent.
   */
  public double deviation() {
    return Math.max(Math.sqrt(variance), Math.max(MIN_DEVIATION_SHARE * mean, 0.01));
  }

  /**
   * The spend from which an hour is anomalous against this baseline: {@code mean + z × deviation},
   * at least the floor ({@link AlertSettings#burnMinUsd()}).
   */
  public double threshold(AlertSettings settings) {
    return Math.max(settings.burnMinUsd(), mean + settings.burnZThreshold() * deviation());
  }

  /** Whether an hour's spend is anomalous: enough observations, and at least the threshold. */
  public boolean isAnomalous(double observed, AlertSettings settings) {
    return observations >= settings.burnMinWeeks() && observed >= threshold(settings);
  }

  /** How many deviations {@code observed} is above the mean. */
  public double score(double observed) {
    return (observed - mean) / deviation();
  }

  /**
   * The baseline after one more observation, with weight {@code alpha} (the exponentially weighted
   * incremental update: {@code mean += alpha·d}, {@code variance = (1 − alpha)(variance +
   * alpha·d²)}).
   */
  public Baseline update(double observed, double alpha) {
    double diff = observed - mean;
    double increment = alpha * diff;
    return new Baseline(
        mean + increment, (1 - alpha) * (variance + diff * increment), observations + 1);
  }

  /** The weight of a new observation for a half-life of {@code halfLife} observations. */
  public static double alpha(double halfLife) {
    return 1 - Math.pow(0.5, 1 / halfLife);
  }

  /**
   * The baseline slot of an hour: its hour of the week (0 = Monday 00:00 UTC to 167), of the day,
   * or 0, for 168, 24 or 1 slots.
   */
  public static int slot(Instant hourStart, int slots) {
    ZonedDateTime t = hourStart.atZone(ZoneOffset.UTC);
    int hourOfWeek = (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + t.getHour();
    return hourOfWeek % slots;
  }
}
