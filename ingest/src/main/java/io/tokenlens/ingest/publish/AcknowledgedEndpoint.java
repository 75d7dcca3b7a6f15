package io.tokenlens.ingest.publish;

import io.tokenlens.ingest.http.Endpoint;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.http.Reply;
import io.tokenlens.ingest.metrics.IngestMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An endpoint whose clients retry: it publishes a request's records directly and answers 200 {@code
 * {"accepted": n}} once Kafka acknowledged all of them, 503 with {@code Retry-After} when it cannot
 * ({@link Acknowledged}).
 */
public abstract class AcknowledgedEndpoint implements Endpoint {
  private final Publisher publisher;
  private final IngestMetrics metrics;
  private final Duration publishTimeout;
  private final Clock clock;

  protected AcknowledgedEndpoint(
      Publisher publisher, IngestMetrics metrics, Duration publishTimeout, Clock clock) {
    this.publisher = publisher;
    this.metrics = metrics;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
  }

  /** The time a request is accepted at. */
  protected Instant now() {
    return clock.instant();
  }

  /**
   * Counts the records as received, publishes them with the header of the key {@code request}
   * authenticated with, and waits for Kafka's acknowledgement.
   */
  protected Reply publishAll(IncomingRequest request, List<? extends PendingRecord<?>> records)
      throws InterruptedException {
    metrics.received(name(), records.size());
    Acknowledged.publish(
        publisher, records, AuthenticatedBy.apiKey(request.apiKeyId()), publishTimeout);
    return Reply.json(200, Map.of("accepted", records.size()));
  }
}
