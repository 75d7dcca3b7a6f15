package io.tokenlens.ingest.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Publishes and waits for Kafka's acknowledgement, so an endpoint answers 2xx only for durable
 * records. Kafka slow or down (no acknowledgement within the timeout, a retriable failure, a full
 * buffer) is a {@link BackPressureException}: the endpoint answers 503 with {@code Retry-After}. A
 * record Kafka refuses for its size is a {@link RecordTooLargeForKafkaException}: the endpoint
 * answers 413, as retrying cannot help. Records of a batch answered 503 may still land; their
 * stable event ids make the client's retry harmless downstream.
 */
public final class Acknowledged {
  private Acknowledged() {}

  /**
   * Publishes {@code records} and waits at most {@code timeout} for all of them. More records than
   * the publisher's buffer holds at once ({@link Publisher#maxRecordsAtOnce()}) go in parts, each
   * acknowledged before the next is handed over, so a large request waits for room instead of
   * failing; a part the buffer has no room for now is a {@link BackPressureException}, and the
   * parts before it may have landed, as for any 503.
   */
  public static void publish(
      Publisher publisher,
      List<? extends PendingRecord<?>> records,
      AuthenticatedBy authenticatedBy,
      Duration timeout)
      throws InterruptedException {
    int part = Math.max(1, publisher.maxRecordsAtOnce());
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int from = 0; from < records.size() || from == 0; from += part) {
      List<? extends PendingRecord<?>> slice =
          records.subList(from, Math.min(records.size(), from + part));
      awaitAcknowledged(publisher, slice, authenticatedBy, deadline, records.size(), timeout);
    }
  }

  /**
   * Publishes {@code records} and waits until Kafka has acknowledged or refused every part, however
   * long that takes, without ever handing a record over twice: what a forwarder that retries until
   * it succeeds needs, since publishing again after a timeout duplicates the records when the first
   * acknowledgement only came late (a partition leader failing over). The producer retries until
   * its delivery timeout; a part it then gives up on, or has no room for at once, is a {@link
   * BackPressureException} as in {@link #publish}, and the parts before it have landed.
   *
   * @param stillWaiting called each {@code interval} without an acknowledgement
   */
  public static void publishOnce(
      Publisher publisher,
      List<? extends PendingRecord<?>> records,
      AuthenticatedBy authenticatedBy,
      Duration interval,
      Runnable stillWaiting)
      throws InterruptedException {
    int part = Math.max(1, publisher.maxRecordsAtOnce());
    for (int from = 0; from < records.size() || from == 0; from += part) {
      CompletableFuture<Void> sent =
          publisher.publish(
              records.subList(from, Math.min(records.size(), from + part)), authenticatedBy);
      while (true) {
        try {
          sent.get(interval.toNanos(), TimeUnit.NANOSECONDS);
          break;
        } catch (TimeoutException e) {
          stillWaiting.run();
        } catch (ExecutionException e) {
          throw refusal(e.getCause());
        }
      }
    }
  }

  private static void awaitAcknowledged(
      Publisher publisher,
      List<? extends PendingRecord<?>> records,
      AuthenticatedBy authenticatedBy,
      long deadline,
      int total,
      Duration timeout)
      throws InterruptedException {
    try {
      publisher
          .publish(records, authenticatedBy)
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new BackPressureException(
          "Kafka did not acknowledge " + total + " records within " + timeout.toMillis() + " ms",
          e);
    } catch (ExecutionException e) {
      throw refusal(e.getCause());
    }
  }

  /** What Kafka's failure of a send means for the caller. */
  private static RuntimeException refusal(Throwable cause) {
    if (cause instanceof RetriableException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return new BackPressureException(
          "Kafka refused records for now: " + cause.getMessage(), cause);
    }
    if (cause instanceof RecordTooLargeException) {
      return new RecordTooLargeForKafkaException(
          "a record is larger than Kafka accepts ("
              + cause.getMessage()
              + "); send smaller items (fewer data points or log records per item)",
          cause);
    }
    return new IllegalStateException("Kafka refused records: " + cause, cause);
  }
}
