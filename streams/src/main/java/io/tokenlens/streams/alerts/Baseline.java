package io.tokenlens.streams.alerts;

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
  static Baseline first(double observed) {
    return new Baseline(observed, 0, 1);
  }

  /**
   * The standard deviation used for scoring: at least {@value #MIN_DEVIATION_SHARE} of the mean, at
   * least 1 cent.
   */
  double deviation() {
    return Math.max(Math.sqrt(variance), Math.max(MIN_DEVIATION_SHARE * mean, 0.01));
  }

  /** How many deviations {@code observed} is above the mean. */
  double score(double observed) {
    return (observed - mean) / deviation();
  }

  /**
   * The baseline after one more observation, with weight {@code alpha} (the exponentially weighted
   * incremental update: {@code mean += alpha·d}, {@code variance = (1 − alpha)(variance +
   * alpha·d²)}).
   */
  Baseline update(double observed, double alpha) {
    double diff = observed - mean;
    double increment = alpha * diff;
    return new Baseline(
        mean + increment, (1 - alpha) * (variance + diff * increment), observations + 1);
  }

  /** The weight of a new observation for a half-life of {@code halfLife} observations. */
  static double alpha(double halfLife) {
    return 1 - Math.pow(0.5, 1 / halfLife);
  }
}
