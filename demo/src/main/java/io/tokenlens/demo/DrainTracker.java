package io.tokenlens.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decides from successive measurements when the pipeline has drained: the streams and sink consumer
 * groups have committed everything on their input topics (no lag) throughout the quiet period,
 * which covers what the streams job emits on wall-clock time after its input is read (the PR
 * attributions and spend sums it forwards every second, in the next commit), and ClickHouse
 * answered the row-count query made after the lag was measured (the sink commits a batch's offsets
 * only once ClickHouse acknowledged its insert). The wait is done once drained and not before a
 * given instant (the detectors that decide on wall-clock punctuation once their inputs have settled
 * emit only after their settle time). ClickHouse's background merges, which change its row counts
 * long after the rows landed, are not waited for. Estimates the time left from how fast the lag
 * fell over the last {@link #RATE_WINDOW}.
 */
final class DrainTracker {
  static final Duration RATE_WINDOW = Duration.ofSeconds(15);

  /**
   * One measurement's verdict: {@code caughtUp} how long there has been no lag, {@code
   * drainedAfter} how long after the tracker's start the pipeline drained (empty while it has not),
   * {@code done} drained and settled.
   */
  record Status(
      long lag,
      long rows,
      double rowsPerSecond,
      Duration caughtUp,
      Duration quiet,
      Duration settling,
      Optional<Duration> eta,
      Optional<Duration> drainedAfter,
      boolean done) {

    boolean drained() {
      return drainedAfter.isPresent();
    }
  }

  private record Sample(Instant at, long lag, long rows) {}

  private final Duration quiet;
  private final Instant notBefore;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private Instant start;
  private Instant lagFreeSince;
  private Instant drainedAt;

  DrainTracker(Duration quiet) {
    this(quiet, Instant.MIN);
  }

  DrainTracker(Duration quiet, Instant notBefore) {
    this.quiet = quiet;
    this.notBefore = notBefore;
  }

  /** A measurement: the lag of every group, then the row count ClickHouse answered with. */
  Status observe(Instant now, long lag, long rows) {
    if (start == null) {
      start = now;
    }
    if (lag > 0) {
      lagFreeSince = null;
      drainedAt = null;
    } else if (lagFreeSince == null) {
      lagFreeSince = now;
    }
    Duration caughtUp = lagFreeSince == null ? Duration.ZERO : Duration.between(lagFreeSince, now);
    if (drainedAt == null && caughtUp.compareTo(quiet) >= 0) {
      drainedAt = now;
    }
    samples.addLast(new Sample(now, lag, rows));
    while (samples.size() > 2
        && Duration.between(samples.peekFirst().at(), now).compareTo(RATE_WINDOW) > 0) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
    double rowsPerSecond = seconds > 0 ? (rows - first.rows()) / seconds : 0;
    Duration untilAllowed =
        now.isBefore(notBefore) ? Duration.between(now, notBefore) : Duration.ZERO;
    Optional<Duration> eta;
    if (lag == 0) {
      Duration untilQuiet = caughtUp.compareTo(quiet) >= 0 ? Duration.ZERO : quiet.minus(caughtUp);
      eta = Optional.of(untilQuiet.compareTo(untilAllowed) >= 0 ? untilQuiet : untilAllowed);
    } else {
      double lagFallPerSecond = seconds > 0 ? (first.lag() - lag) / seconds : 0;
      eta =
          lagFallPerSecond > 0
              ? Optional.of(
                  Duration.ofSeconds((long) Math.ceil(lag / lagFallPerSecond)).plus(quiet))
              : Optional.empty();
    }
    Optional<Duration> drainedAfter =
        Optional.ofNullable(drainedAt).map(at -> Duration.between(start, at));
    return new Status(
        lag,
        rows,
        rowsPerSecond,
        caughtUp,
        quiet,
        untilAllowed,
        eta,
        drainedAfter,
        drainedAt != null && untilAllowed.isZero());
  }
}
