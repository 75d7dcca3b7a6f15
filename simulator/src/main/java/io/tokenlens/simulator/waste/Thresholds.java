package io.tokenlens.simulator.waste;

import java.time.Duration;

/**
 * The detectors' default thresholds (the project's waste-detector specification), and the simulator's reading of
 * the patterns the specification leaves open (marked). Planted occurrences exceed them under every reasonable
 * reading; near-misses stay under them under every reasonable reading.
 */
public final class Thresholds {
  private Thresholds() {}

  public static final int LOOP_REPEATS = 6;
  public static final Duration LOOP_WINDOW = Duration.ofMinutes(10);

  public static final long OVERNIGHT_TOKENS = 200_000;
  public static final Duration UNATTENDED_AFTER = Duration.ofMinutes(30);
  public static final Duration OVERNIGHT_LOOKAHEAD = Duration.ofHours(12);

  public static final int DUPLICATE_REPEATS = 5;
  public static final Duration DUPLICATE_WINDOW = Duration.ofHours(1);

  public static final int RETRY_ERRORS = 10;
  public static final Duration RETRY_WINDOW = Duration.ofMinutes(5);

  /** Anthropic's default prompt-cache lifetime. */
  public static final Duration CACHE_TTL = Duration.ofMinutes(5);
  /** Simulator's reading: a "large" cache write. */
  public static final long CACHE_LARGE_WRITE = 20_000;
  /** Simulator's reading: "repeated" = this many large writes after TTL gaps in one session. */
  public static final int CACHE_REPEATS = 3;

  public static final int BLOAT_REQUESTS = 10;
  public static final long BLOAT_INPUT_TOKENS = 150_000;
  public static final double BLOAT_OUTPUT_RATIO = 0.01;

  /**
   * DISCARDED_OUTPUT, the detector's definition: at least this many decisions on generated edits in one session
   * within {@link #DISCARD_WINDOW} ...
   */
  public static final int DISCARD_DECISIONS = 5;
  /** ... at least this share of them rejected. */
  public static final double DISCARD_REJECTED_SHARE = 0.8;
  public static final Duration DISCARD_WINDOW = Duration.ofMinutes(30);

  public static final Duration INCIDENT_WINDOW = Duration.ofHours(72);
  public static final double INCIDENT_COST_QUANTILE = 0.9;
}
