package io.tokenlens.ingest.http;

import io.tokenlens.ingest.publish.Publisher;
import java.time.Duration;

/**
 * The answer of {@code /readyz}, reused for a short while: the probe is unauthenticated, and each
 * fresh answer asks Kafka and the schema registry, so a client polling it in a loop must not turn
 * into load on both. Thread-safe; concurrent probes while the answer is stale wait for one fresh
 * answer.
 */
final class CachedReadiness {

  private final Publisher publisher;
  private final Duration timeout;
  private final long ttlNanos;
  private Publisher.ReadinessReport last;
  private long askedAtNanos;

  CachedReadiness(Publisher publisher, Duration timeout, Duration ttl) {
    this.publisher = publisher;
    this.timeout = timeout;
    this.ttlNanos = ttl.toNanos();
  }

  synchronized Publisher.ReadinessReport get() {
    long now = System.nanoTime();
    if (last == null || now - askedAtNanos >= ttlNanos) {
      last = publisher.ready(timeout);
      askedAtNanos = System.nanoTime();
    }
    return last;
  }
}
