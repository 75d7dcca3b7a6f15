package io.tokenlens.ingest;

import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.BackPressureException;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A publisher for tests: keeps what it is given, each record with the credential it was published
 * for, or refuses everything while {@link #down} is true.
 */
public final class RecordingPublisher implements Publisher {

  private final java.util.concurrent.atomic.AtomicInteger readyCalls =
      new java.util.concurrent.atomic.AtomicInteger();

  public final List<PendingRecord<?>> published = new CopyOnWriteArrayList<>();

  /** The credential of each record of {@link #published}, at the same index. */
  public final List<AuthenticatedBy> authenticatedBy = new CopyOnWriteArrayList<>();

  public volatile boolean down;
  public volatile boolean neverAcknowledge;

  /**
   * When set, records are kept at once and acknowledged only this long after (a partition leader
   * failing over): a caller that publishes them again on a timeout duplicates them.
   */
  public volatile Duration acknowledgeAfter;

  /**
   * The most records one publish call takes, as a bounded buffer; more are refused as
   * back-pressure.
   */
  public volatile int maxRecordsAtOnce = Integer.MAX_VALUE;

  /**
   * Records Kafka refuses with a non-retriable error ({@code RecordTooLargeException}, as for a
   * record over {@code max.request.size}); the call's other records are kept, as Kafka keeps them.
   */
  public volatile java.util.function.Predicate<PendingRecord<?>> refuse = r -> false;

  /** Publish calls, refused ones included. */
  public final java.util.concurrent.atomic.AtomicInteger attempts =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The number of records of each publish call, in order. */
  public final List<Integer> calls = new CopyOnWriteArrayList<>();

  @Override
  public synchronized CompletableFuture<Void> publish(
      List<? extends PendingRecord<?>> records, AuthenticatedBy credential) {
    attempts.incrementAndGet();
    if (down) {
      throw new BackPressureException("Kafka is down (test)");
    }
    if (records.size() > maxRecordsAtOnce) {
      throw new BackPressureException(
          records.size() + " records exceed the buffer of " + maxRecordsAtOnce + " (test)");
    }
    calls.add(records.size());
    if (neverAcknowledge) {
      return new CompletableFuture<>();
    }
    if (acknowledgeAfter != null) {
      published.addAll(records); // Kafka has them; only the acknowledgement is late
      records.forEach(r -> authenticatedBy.add(credential));
      return CompletableFuture.runAsync(
          () -> {},
          CompletableFuture.delayedExecutor(
              acknowledgeAfter.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }
    List<? extends PendingRecord<?>> refused = records.stream().filter(refuse).toList();
    records.stream()
        .filter(refuse.negate())
        .forEach(
            r -> {
              authenticatedBy.add(credential);
              published.add(r);
            });
    return refused.isEmpty()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(
            new org.apache.kafka.common.errors.RecordTooLargeException(
                "The message is 2000000 bytes when serialized "
                    + "which is larger than 1048576, the value of the max.request.size configuration (test)"));
  }

  @Override
  public int maxRecordsAtOnce() {
    return maxRecordsAtOnce;
  }

  @Override
  public ReadinessReport ready(Duration timeout) {
    readyCalls.incrementAndGet();
    return new ReadinessReport(down ? List.of("kafka: down (test)") : List.of());
  }

  /** How many times readiness was asked. */
  public int readyCalls() {
    return readyCalls.get();
  }

  @Override
  public void close() {}
}
