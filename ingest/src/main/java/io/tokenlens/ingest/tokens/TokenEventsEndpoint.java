package io.tokenlens.ingest.tokens;

import io.tokenlens.ingest.http.Endpoint;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.http.Reply;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.Acknowledged;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/token-events}: the project's own token-event shape, for custom collectors and proxies. */
public final class TokenEventsEndpoint implements Endpoint {
  public static final String PATH = "/v1/token-events";

  private final Publisher publisher;
  private final IngestMetrics metrics;
  private final Duration publishTimeout;
  private final Clock clock;

  public TokenEventsEndpoint(Publisher publisher, IngestMetrics metrics, Duration publishTimeout, Clock clock) {
    this.publisher = publisher;
    this.metrics = metrics;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
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
    List<TokenUsage> events = TokenEventParser.parse(request.body(), !request.mediaType().equals("application/json"),
        clock.instant());
    metrics.received(name(), events.size());
    List<PendingRecord<TokenUsage>> records = events.stream()
        .map(e -> new PendingRecord<>(Topics.TOKEN_USAGE, e)).toList();
    Acknowledged.publish(publisher, records, publishTimeout);
    return Reply.json(200, Map.of("accepted", events.size()));
  }
}
