package io.tokenlens.simulator.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decides from successive measurements when the pipeline has drained: no consumer lag, the total ClickHouse
 * row count unchanged for the quiet period, and not before a given instant (the detectors that decide on
 * wall-clock punctuation once their inputs have settled emit only after their settle time). Estimates the time left from how fast the lag fell over the last
 * {@link #RATE_WINDOW}.
 */
final class DrainTracker {
  static final Duration RATE_WINDOW = Duration.ofSeconds(15);

  /** One measurement's verdict. */
  record Status(long lag, long rows, double rowsPerSecond, Duration settled, Duration quiet, Duration settling,
      Optional<Duration> eta, boolean drained) {}

  private record Sample(Instant at, long lag, long rows) {}

  private final Duration quiet;
  private final Instant notBefore;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private Instant lastChange;
  private long lastRows = -1;

  DrainTracker(Duration quiet) {
    this(quiet, Instant.MIN);
  }

  DrainTracker(Duration quiet, Instant notBefore) {
    this.quiet = quiet;
    this.notBefore = notBefore;
  }

  Status observe(Instant now, long lag, long rows) {
    if (lag > 0 || rows != lastRows || lastChange == null) {
      lastChange = now;
    }
    lastRows = rows;
    samples.addLast(new Sample(now, lag, rows));
    while (samples.size() > 2 && Duration.between(samples.peekFirst().at(), now).compareTo(RATE_WINDOW) > 0) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
    double rowsPerSecond = seconds > 0 ? (rows - first.rows()) / seconds : 0;
    Duration settled = Duration.between(lastChange, now);
    Optional<Duration> eta;
    Duration untilAllowed = now.isBefore(notBefore) ? Duration.between(now, notBefore) : Duration.ZERO;
    if (lag == 0) {
      Duration untilQuiet = settled.compareTo(quiet) >= 0 ? Duration.ZERO : quiet.minus(settled);
      eta = Optional.of(untilQuiet.compareTo(untilAllowed) >= 0 ? untilQuiet : untilAllowed);
    } else {
      double lagFallPerSecond = seconds > 0 ? (first.lag() - lag) / seconds : 0;
      eta = lagFallPerSecond > 0
          ? Optional.of(Duration.ofSeconds((long) Math.ceil(lag / lagFallPerSecond)).plus(quiet))
          : Optional.empty();
    }
    return new Status(lag, rows, rowsPerSecond, settled, quiet, untilAllowed, eta,
        lag == 0 && settled.compareTo(quiet) >= 0 && untilAllowed.isZero());
  }
}
