package io.tokenlens.streams.errors;

import io.tokenlens.schemas.registry.RegistryReadFailures;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the job reads a record again rather than dead-letter it, and after which backoff. The
 * classification is the sink's too ({@link RegistryReadFailures}): the registry unreachable,
 * answering 5xx to every retry, or refusing the credentials is no fault of the record, so the
 * record is read again later; a schema id the registry answers 404 for is waited out the same way
 * for at most the unknown-id wait; after that, records with that id are poison.
 *
 * <p>One instance serves the whole process ({@link #PROCESS}): Kafka Streams builds a new handler
 * for every task and for every stream thread it replaces, and the wait for an id must count from
 * its first 404 whichever of them saw it.
 */
final class RegistryOutages {
  private static final Logger log = LoggerFactory.getLogger(RegistryOutages.class);

  static final RegistryOutages PROCESS =
      new RegistryOutages(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final RegistryReadFailures failures = new RegistryReadFailures();
  private Duration backoff;
  private long lastFailureNanos;
  private boolean failedBefore;

  RegistryOutages(Duration initialBackoff, Duration maxBackoff) {
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.backoff = initialBackoff;
  }

  /**
   * Whether the record whose reading threw {@code e} is to be read again later: the registry
   * failed, or it does not know the record's schema id and first said so less than {@code
   * unknownIdWait} ago.
   */
  boolean readAgain(Throwable e, Duration unknownIdWait, long nowNanos) {
    return failures.readAgain(e, unknownIdWait, nowNanos);
  }

  /**
   * How long to wait before the record is read again: doubling from the initial backoff up to the
   * maximum while the failures go on, from the initial one again after a quiet spell of twice the
   * maximum.
   */
  synchronized Duration nextBackoff(long nowNanos) {
    if (!failedBefore || nowNanos - lastFailureNanos > maxBackoff.multipliedBy(2).toNanos()) {
      backoff = initialBackoff;
    }
    failedBefore = true;
    lastFailureNanos = nowNanos;
    Duration current = backoff;
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    return current;
  }

  /**
   * Logs that the registry failed on {@code what} and waits the next backoff; the caller then
   * answers {@code FAIL}: the stream thread fails, the job replaces it, the transaction is aborted
   * and the record is read again from the committed offset.
   */
  void waitBeforeReadingAgain(String what, Throwable e) {
    Duration backoff = nextBackoff(System.nanoTime());
    log.warn(
        "{}: the schema registry failed ({}); the record is not dead-lettered: the stream thread "
            + "fails in {} ms and the record is read again",
        what,
        e.toString(),
        backoff.toMillis());
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
