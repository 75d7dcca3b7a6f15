package io.tokenlens.simulator.eval;

/**
 * The Wilson score interval of a proportion: {@code successes} of {@code trials} at 95% confidence
 * (z = 1.96). Unlike the normal approximation it stays inside [0, 1] and is not empty at 0 or at 1:
 * 30 of 30 gives [0.886, 1].
 */
public record WilsonInterval(double low, double high) {
  public static final double Z95 = 1.959963984540054;

  /** The interval, or null when there are no trials. */
  public static WilsonInterval of(int successes, int trials) {
    if (trials <= 0) {
      return null;
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
