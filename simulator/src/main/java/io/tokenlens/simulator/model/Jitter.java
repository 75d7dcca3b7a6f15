package io.tokenlens.simulator.model;

import java.util.SplittableRandom;

/**
 * How a model's answer to a repeated request varies from one repeat to the next: its output by a
 * few percent ({@link #MIN_OUTPUT_SHARE}–{@link #MAX_OUTPUT_SHARE}, either way), its uncached input
 * by a handful of tokens (up to {@link #MAX_INPUT_TOKENS}, either way: a timestamp, a line number
 * or a retry counter in the tool result fed back).
 */
public final class Jitter {
  public static final double MIN_OUTPUT_SHARE = 0.02;
  public static final double MAX_OUTPUT_SHARE = 0.06;
  public static final int MAX_INPUT_TOKENS = 15;

  private final SplittableRandom random;

  public Jitter(SplittableRandom random) {
    this.random = random;
  }

  /** {@code base} output tokens, a few percent more or less. */
  public long output(long base) {
    double share = MIN_OUTPUT_SHARE + random.nextDouble() * (MAX_OUTPUT_SHARE - MIN_OUTPUT_SHARE);
    long delta = Math.max(1, Math.round(base * share));
    return Math.max(1, random.nextBoolean() ? base + delta : base - delta);
  }

  /** {@code base} uncached input tokens, up to a handful more or less. */
  public long input(long base) {
    return Math.max(1, base + random.nextInt(2 * MAX_INPUT_TOKENS + 1) - MAX_INPUT_TOKENS);
  }
}
