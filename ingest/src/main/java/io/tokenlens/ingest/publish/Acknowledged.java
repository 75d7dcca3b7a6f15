package io.tokenlens.ingest.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Publishes and waits for Kafka's acknowledgement, so an endpoint answers 2xx only for durable records.
 * Kafka slow or down (no acknowledgement within the timeout, a retriable failure, a full buffer) is a
 * {@link BackPressureException}: the endpoint answers 503 with {@code Retry-After}. Records of a batch
 * answered 503 may still land; their stable event ids make the client's retry harmless downstream.
 */
public final class Acknowledged {
  private Acknowledged() {
  }

  public static void publish(Publisher publisher, List<? extends PendingRecord<?>> records,
      AuthenticatedBy authenticatedBy, Duration timeout) throws InterruptedException {
    try {
      publisher.publish(records, authenticatedBy).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new BackPressureException("Kafka did not acknowledge " + records.size() + " records within "
          + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new BackPressureException("Kafka refused records for now: " + cause.getMessage(), cause);
      }
      throw new IllegalStateException("Kafka refused records: " + cause, cause);
    }
  }
}
