package io.tokenlens.bench;

import io.tokenlens.simulator.delivery.HttpSender;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;

/**
 * Sends OTLP requests through the collectors: as fast as the ingest service answers (the sender
 * keeps its requests in flight) while the pipeline's backlog stays under a bound, or paced to a
 * rate of events/s. Returns what was sent; the sender counts what failed.
 */
final class LoadDriver {

  /** What one phase sent. */
  record Sent(long requests, long events, double seconds, long failedRequests, long retries) {
    double eventsPerSecond() {
      return events / seconds;
    }
  }

  /** How often the bounded run reads the pipeline's backlog. */
  static final long BACKLOG_CHECK_NANOS = 500_000_000L;

  private final HttpSender sender;

  LoadDriver(HttpSender sender) {
    this.sender = sender;
  }

  /**
   * As fast as possible for {@code seconds}, but only while the pipeline's backlog is below {@code
   * bound}: otherwise it waits. {@code backlog} maps the events sent so far to the backlog; it is
   * read every {@link #BACKLOG_CHECK_NANOS}.
   */
  Sent bounded(OtlpTraffic traffic, int seconds, long bound, LongUnaryOperator backlog)
      throws InterruptedException {
    return run(traffic, seconds, 0, bound, backlog);
  }

  /**
   * {@code rate} events/s for {@code seconds}: one request every {@code perRequest / rate} seconds.
   */
  Sent paced(OtlpTraffic traffic, int seconds, int rate) throws InterruptedException {
    return run(traffic, seconds, rate, Long.MAX_VALUE, sent -> 0);
  }

  private Sent run(
      OtlpTraffic traffic, int seconds, int rate, long bound, LongUnaryOperator backlog)
      throws InterruptedException {
    long failedBefore = sender.failures();
    long retriesBefore = sender.retries();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    double interval = rate > 0 ? traffic.perRequest() * 1e9 / rate : 0;
    long requests = 0;
    long behind = 0;
    long sentAtCheck = 0;
    long nextCheck = start;
    while (System.nanoTime() < end) {
      if (bound != Long.MAX_VALUE && System.nanoTime() >= nextCheck) {
        sentAtCheck = requests * traffic.perRequest();
        behind = backlog.applyAsLong(sentAtCheck);
        nextCheck = System.nanoTime() + BACKLOG_CHECK_NANOS;
      }
      if (behind + requests * traffic.perRequest() - sentAtCheck >= bound) {
        LockSupport.parkNanos(Math.max(0, nextCheck - System.nanoTime()));
        continue;
      }
      if (rate > 0) {
        long due = start + (long) (requests * interval);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      sender.send(traffic.next());
      requests++;
    }
    sender.drain();
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Sent(
        requests,
        requests * traffic.perRequest(),
        elapsed,
        sender.failures() - failedBefore,
        sender.retries() - retriesBefore);
  }
}
