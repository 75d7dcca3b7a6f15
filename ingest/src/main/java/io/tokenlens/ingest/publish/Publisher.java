package io.tokenlens.ingest.publish;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Publishes records durably: the future completes once every record is acknowledged. */
public interface Publisher extends AutoCloseable {

  /**
   * Hands the records over, each with the header of the credential their request was accepted with.
   * Throws {@link BackPressureException} at once when they do not fit in the bounded buffer or the
   * broker cannot take them now; the future fails when Kafka refuses a record.
   */
  CompletableFuture<Void> publish(
      List<? extends PendingRecord<?>> records, AuthenticatedBy authenticatedBy);

  /**
   * The most records one {@link #publish} call may hand over: its bounded buffer. {@link
   * Acknowledged} publishes a larger request in parts of this size, each acknowledged before the
   * next.
   */
  default int maxRecordsAtOnce() {
    return Integer.MAX_VALUE;
  }

  /** Whether Kafka and the schema registry answer within the timeout. */
  ReadinessReport ready(java.time.Duration timeout);

  @Override
  void close();

  /** Readiness of each dependency: empty problems means ready. */
  record ReadinessReport(List<String> problems) {
    public boolean isReady() {
      return problems.isEmpty();
    }
  }
}
