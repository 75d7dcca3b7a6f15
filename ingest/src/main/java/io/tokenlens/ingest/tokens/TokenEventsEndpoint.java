package io.tokenlens.ingest.tokens;

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
 * {@code POST /v1/token-events}: the project's own token-event shape, for custom collectors and
 * proxies.
 */
public final class TokenEventsEndpoint extends AcknowledgedEndpoint {
  public static final String PATH = "/v1/token-events";

  public TokenEventsEndpoint(
      Publisher publisher, IngestMetrics metrics, Duration publishTimeout, Clock clock) {
    super(publisher, metrics, publishTimeout, clock);
  }

  @Override
  public String name() {
    return "token-events";
  }

  @Override
  public Set<String> mediaTypes() {
    return Set.of("application/json", "application/x-ndjson", "application/ndjson");
  }

  @Override
  public Reply handle(IncomingRequest request) throws InterruptedException {
    return publishAll(
        request,
        TokenEventParser.parse(
                request.body(), !request.mediaType().equals("application/json"), now())
            .stream()
            .map(e -> new PendingRecord<>(Topics.TOKEN_USAGE, e))
            .toList());
  }
}
