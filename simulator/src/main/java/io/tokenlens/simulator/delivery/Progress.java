package io.tokenlens.simulator.delivery;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The progress line while sending: events sent, rate, simulated time reached, ETA; at most one line
 * a second.
 */
public final class Progress {
  private final PrintStream out;
  private final long totalEvents;
  private final long startNanos = System.nanoTime();
  private long lastPrint;

  public Progress(PrintStream out, long totalEvents) {
    this.out = out;
    this.totalEvents = totalEvents;
  }

  public void update(long sentEvents, Instant simulatedTime, boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastPrint < 1_000_000_000L) {
      return;
    }
    lastPrint = now;
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double rate = sentEvents / seconds;
    long eta = rate > 0 ? (long) ((totalEvents - sentEvents) / rate) : 0;
    out.printf(
        Locale.ROOT,
        "\rsent %,d / %,d events  %,.0f events/s  simulated %s  ETA %s   ",
        sentEvents,
        totalEvents,
        rate,
        simulatedTime.truncatedTo(ChronoUnit.SECONDS),
        Duration.ofSeconds(eta));
    out.flush();
  }

  /** Wall-clock seconds since the start. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
