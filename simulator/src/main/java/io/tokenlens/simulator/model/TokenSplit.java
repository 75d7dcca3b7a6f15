package io.tokenlens.simulator.model;

import java.util.SplittableRandom;

/**
 * Realistic token counts for the n-th request of a session: the context grows with every turn and
 * is read from the prompt cache (cache reads dominate long sessions); the first request writes the
 * context to the cache and a new chunk is written every few turns; uncached input is the new turn
 * only.
 */
public final class TokenSplit {
  /** Baseline contexts stay under this, so normal work never looks like context bloat. */
  public static final long MAX_BASELINE_CONTEXT = 130_000;

  private final SplittableRandom random;
  private long context;
  private int turn;

  public TokenSplit(SplittableRandom random) {
    this.random = random;
    this.context = 12_000 + random.nextInt(8_000);
  }

  /** {input, cacheRead, cacheWrite, output} of the next request. */
  public long[] next() {
    turn++;
    long input = 150 + random.nextInt(2_800);
    long output = 120 + random.nextInt(2_400);
    long write;
    long read;
    if (turn == 1) {
      write = context;
      read = 0;
    } else {
      read = context;
      write = turn % 8 == 0 ? 3_000 + random.nextInt(6_000) : 0;
    }
    context = Math.min(MAX_BASELINE_CONTEXT, context + input + output + write / 4);
    return new long[] {input, read, write, output};
  }
}
