package io.tokenlens.streams.errors;

import io.tokenlens.schemas.registry.RegistryAuthenticationException;
import io.tokenlens.schemas.registry.RegistryUnreachableException;
import io.tokenlens.schemas.registry.SchemaRegistryException;
import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a failure of the schema registry from a fault of the record being read, as the sink's
 * {@code RegistryWait} does: the registry unreachable, answering 5xx to every retry, or refusing
 * the credentials is no fault of the record, so the record is read again later rather than
 * dead-lettered. A schema id the registry answers 404 for is waited out the same way for at most
 * the unknown-id wait, counted from the first 404 for that id (a follower that has not read the id
 * yet, a registry restarting on an emptied schemas topic); after that, records with that id are
 * poison.
 *
 * <p>One instance serves the whole process ({@link #PROCESS}): Kafka Streams builds a new handler
 * for every task and for every stream thread it replaces, and the wait for an id must count from
 * its first 404 whichever of them saw it.
 */
final class RegistryOutages {
  /**
   * At most this many unknown ids are remembered; a record with a further unknown id is
   * dead-lettered at once.
   */
  static final int MAX_UNKNOWN_IDS = 10_000;

  static final RegistryOutages PROCESS =
      new RegistryOutages(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Map<Integer, Long> unknownSinceNanos = new ConcurrentHashMap<>();
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
    if (isRegistryFailure(e)) {
      return true;
    }
    UnknownSchemaIdException unknown = unknownSchemaId(e);
    if (unknown == null || unknownIdWait.isZero()) {
      return false;
    }
    Long since = unknownSinceNanos.get(unknown.schemaId());
    if (since == null) {
      if (unknownSinceNanos.size() >= MAX_UNKNOWN_IDS) {
        return false;
      }
      unknownSinceNanos.putIfAbsent(unknown.schemaId(), nowNanos);
      return true;
    }
    return nowNanos - since < unknownIdWait.toNanos();
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
   * Whether {@code e}, thrown while reading a record or writing its dead letter, is the registry's
   * failure.
   */
  static boolean isRegistryFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnreachableException
          || t instanceof RegistryAuthenticationException) {
        return true;
      }
      if (t instanceof SchemaRegistryException failed && failed.httpStatus() >= 500) {
        return true; // it answered 5xx to every retry
      }
    }
    return false;
  }

  private static UnknownSchemaIdException unknownSchemaId(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownSchemaIdException unknown) {
        return unknown;
      }
    }
    return null;
  }
}
