package io.tokenlens.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the pipeline has drained ({@link DrainTracker}), and at least the detectors' settle
 * time: measures the lag of the streams and sink consumer groups, then ClickHouse's row counts,
 * once a second, with one progress line (lag per group, rows landed and their rate, elapsed, time
 * left), up to a bound.
 */
final class DrainWaiter {
  private static final Duration POLL = Duration.ofSeconds(1);

  /** A consumer group, and how the progress line names it. */
  record Group(String label, String groupId) {}

  /**
   * How the wait ended: drained or not, how long after its start the pipeline drained (empty: it
   * did not), the last row counts and lags, how long the wait took (at least the settle time).
   */
  record Result(
      boolean drained,
      Optional<Duration> drainedAfter,
      Map<String, Long> rows,
      Map<String, Long> lag,
      Duration elapsed) {}

  private final ConsumerLag lag;
  private final RowCounts rowCounts;
  private final List<Group> groups;
  private final Duration quiet;
  private final Duration settle;
  private final Duration maxWait;
  private final PrintStream out;
  private final Clock clock;

  DrainWaiter(
      ConsumerLag lag,
      RowCounts rowCounts,
      List<Group> groups,
      Duration quiet,
      Duration settle,
      Duration maxWait,
      PrintStream out,
      Clock clock) {
    this.lag = lag;
    this.rowCounts = rowCounts;
    this.groups = List.copyOf(groups);
    this.quiet = quiet;
    this.settle = settle;
    this.maxWait = maxWait;
    this.out = out;
    this.clock = clock;
  }

  Result await() throws Exception {
    Instant start = clock.instant();
    DrainTracker tracker = new DrainTracker(quiet, start.plus(settle));
    while (true) {
      Map<String, Long> lags = new LinkedHashMap<>();
      for (Group g : groups) {
        lags.put(g.label(), lag.of(g.groupId()));
      }
      Map<String, Long> rows = rowCounts.read();
      Instant now = clock.instant();
      DrainTracker.Status status =
          tracker.observe(
              now, lags.values().stream().mapToLong(Long::longValue).sum(), RowCounts.total(rows));
      Duration elapsed = Duration.between(start, now);
      out.print("\r" + line(lags, status, elapsed) + "   ");
      out.flush();
      if (status.done() || elapsed.compareTo(maxWait) >= 0) {
        out.println();
        return new Result(status.done(), status.drainedAfter(), rows, lags, elapsed);
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // polling running services, not a test
    }
  }

  static String line(Map<String, Long> lags, DrainTracker.Status status, Duration elapsed) {
    StringBuilder b = new StringBuilder("lag");
    lags.forEach((label, n) -> b.append(String.format(Locale.ROOT, " %s %,d", label, n)));
    b.append(
        String.format(Locale.ROOT, "  rows %,d (%+,.0f/s)", status.rows(), status.rowsPerSecond()));
    if (status.drained()) {
      b.append(
          String.format(
              Locale.ROOT, "  drained after %ds", status.drainedAfter().orElseThrow().toSeconds()));
    } else if (status.lag() == 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "  no lag for %ds of %ds",
              status.caughtUp().toSeconds(),
              status.quiet().toSeconds()));
    }
    if (status.lag() == 0 && !status.settling().isZero()) {
      b.append(
          String.format(
              Locale.ROOT, "  detectors settling %ds more", status.settling().toSeconds()));
    }
    b.append("  elapsed ").append(clockTime(elapsed));
    b.append("  ETA ").append(status.eta().map(DrainWaiter::clockTime).orElse("?"));
    return b.toString();
  }

  static String clockTime(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
