package io.tokenlens.schemas.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a failure of the schema registry from a fault of the record being read, for a consumer that
 * either reads a record again later or dead-letters it (the sink, the streams job). The registry
 * unreachable, answering 5xx to every retry, or refusing the credentials is no fault of the record:
 * it is read again later. A schema id the registry answers 404 for is waited out the same way for
 * at most the unknown-id wait, counted from the first 404 for that id (a follower that has not read
 * the id yet, a registry restarting on an emptied schemas topic); after that, records with that id
 * are poison, as is every other failure.
 *
 * <p>Thread-safe: one instance may serve every consumer thread of a process, so that the wait for
 * an id counts from its first 404 whichever thread saw it.
 */
public final class RegistryReadFailures {
  /**
   * At most this many unknown ids are remembered; a record with a further unknown id is
   * dead-lettered at once.
   */
  public static final int MAX_UNKNOWN_IDS = 10_000;

  private final Map<Integer, Long> unknownSinceNanos = new ConcurrentHashMap<>();

  /**
   * Whether the record whose reading threw {@code e} is to be read again later: the registry
   * failed, or it does not know the record's schema id and first said so less than {@code
   * unknownIdWait} ago ({@link Duration#ZERO}: never wait for an unknown id).
   */
  public boolean readAgain(Throwable e, Duration unknownIdWait, long nowNanos) {
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
      since = unknownSinceNanos.putIfAbsent(unknown.schemaId(), nowNanos);
      return since == null || nowNanos - since < unknownIdWait.toNanos();
    }
    return nowNanos - since < unknownIdWait.toNanos();
  }

  /**
   * Whether {@code e} (or one of its causes), thrown while reading a record or writing its dead
   * letter, is the registry's failure rather than the record's: unreachable, credentials refused,
   * or 5xx after the client's retries.
   */
  public static boolean isRegistryFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnreachableException
          || t instanceof RegistryAuthenticationException) {
        return true;
      }
      if (t instanceof SchemaRegistryException failed && failed.httpStatus() >= 500) {
        return true;
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
