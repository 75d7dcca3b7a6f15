package io.tokenlens.bench;

import io.tokenlens.simulator.delivery.HttpSender;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends OTLP requests through the collectors, either as fast as the ingest service answers (the sender keeps its
 * requests in flight) or paced to a rate of events/s. Returns what was sent; the sender counts what failed.
 */
final class LoadDriver {

  /** What one phase sent. */
  record Sent(long requests, long events, double seconds, long failedRequests, long retries) {
    double eventsPerSecond() {
      return events / seconds;
    }
  }

  private final HttpSender sender;

  LoadDriver(HttpSender sender) {
    this.sender = sender;
  }

  /** As fast as possible for {@code seconds}. */
  Sent flat(OtlpTraffic traffic, int seconds) throws InterruptedException {
    return run(traffic, seconds, 0);
  }

  /** {@code rate} events/s for {@code seconds}: one request every {@code perRequest / rate} seconds. */
  Sent paced(OtlpTraffic traffic, int seconds, int rate) throws InterruptedException {
    return run(traffic, seconds, rate);
  }

  private Sent run(OtlpTraffic traffic, int seconds, int rate) throws InterruptedException {
    long failedBefore = sender.failures();
    long retriesBefore = sender.retries();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    double interval = rate > 0 ? traffic.perRequest() * 1e9 / rate : 0;
    long requests = 0;
    while (System.nanoTime() < end) {
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
    return new Sent(requests, requests * traffic.perRequest(), elapsed, sender.failures() - failedBefore,
        sender.retries() - retriesBefore);
  }
}
