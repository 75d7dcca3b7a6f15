package io.tokenlens.ingest.incidents;

import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.http.Reply;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.AcknowledgedEndpoint;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * {@code POST /v1/incidents}: the project's own incident shape ({@link IncidentParser}),
 * authenticated by a collector API key. Published directly and answered only once Kafka
 * acknowledged (503 with {@code Retry-After} when it cannot): its clients are scripts and tools
 * that retry, as for token events, so it needs no spool.
 */
public final class IncidentsEndpoint extends AcknowledgedEndpoint {
  public static final String PATH = "/v1/incidents";

  public IncidentsEndpoint(
      Publisher publisher, IngestMetrics metrics, Duration publishTimeout, Clock clock) {
    super(publisher, metrics, publishTimeout, clock);
  }

  @Override
  public String name() {
    return "incidents";
  }

  @Override
  public Set<String> mediaTypes() {
    return Set.of("application/json");
  }

  @Override
  public Reply handle(IncomingRequest request) throws InterruptedException {
    return publishAll(
        request,
        IncidentParser.parse(request.body(), now()).stream()
            .map(e -> new PendingRecord<>(Topics.INCIDENT_EVENTS, e))
            .toList());
  }
}
