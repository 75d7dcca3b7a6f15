package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.http.BodyReader;
import io.tokenlens.ingest.http.Endpoint;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.http.Reply;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.DeadLetterPayloadCap;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.spool.WebhookSpool;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.PipelineStage;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The common path of every webhook: signature check (401), JSON body (400), mapping, then the
 * durable spool before the 2xx. A signed payload that cannot be mapped is spooled as a dead letter
 * and answered 202: the sender would not deliver it better a second time. The dead letter carries
 * the reason and the payload with its free text and personal fields hashed ({@link
 * WebhookRedaction}), left out when over {@code ingest.dead.letter.max.payload.bytes}. Events
 * tokenlens does not use are answered 200 and counted as ignored.
 */
abstract class SpooledWebhookEndpoint implements Endpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSpool spool;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final BodyReader bodies;
  private final RecentDeliveries recent;
  private final DeadLetterPayloadCap deadLetterCap;

  SpooledWebhookEndpoint(
      WebhookSettings settings, WebhookSpool spool, IngestMetrics metrics, Clock clock) {
    this.spool = spool;
    this.deadLetterCap = settings.deadLetterCap();
    this.metrics = metrics;
    this.clock = clock;
    this.bodies = new BodyReader(settings.maxBodyBytes(), WebhookSettings.MAX_BODY_BYTES_KEY);
    this.recent = deduplicates() ? new RecentDeliveries(settings.dedupDeliveries()) : null;
  }

  /**
   * Whether a delivery whose id was spooled recently is answered without being spooled again: for
   * senders whose delivery id names one delivery (GitHub's {@code X-GitHub-Delivery}, GitLab's
   * idempotency key).
   */
  boolean deduplicates() {
    return false;
  }

  /**
   * Throws a 401 {@link HttpError} unless the headers carry what authenticates the sender: the
   * token itself, or a signature header of the right form (checked against the body by {@link
   * #verify}).
   */
  @Override
  public abstract void authenticateHeaders(Function<String, String> headers);

  /**
   * Throws a 401 {@link HttpError} unless the body matches the request's signature; nothing to do
   * for a token.
   */
  abstract void verify(IncomingRequest request);

  @Override
  public Optional<BodyReader> bodyReader() {
    return Optional.of(bodies);
  }

  /**
   * Throws a 401 {@link HttpError} when the signed body says it was sent too long ago; by default
   * nothing.
   */
  void checkFresh(JsonNode payload, Instant now) {}

  /** The sender's delivery id, the dead letter's id; may throw a 400 {@link HttpError}. */
  abstract String deliveryId(IncomingRequest request, JsonNode payload);

  /** The records of one delivery; empty when unused. Throws {@link WebhookMappingException}. */
  abstract List<PendingRecord<?>> map(IncomingRequest request, JsonNode payload, Instant now);

  /**
   * Where the records of this request would have gone: its dead-letter topic receives the
   * unmappable.
   */
  abstract Topic<?> targetTopic(IncomingRequest request, JsonNode payload);

  /** Request headers worth keeping in a dead letter (never signatures). */
  abstract Map<String, String> headersToKeep(IncomingRequest request);

  /**
   * How the sender was verified, the {@link AuthenticatedBy} header of every record of its
   * deliveries (dead letters included): {@code github-signature}, {@code gitlab-token}, {@code
   * pagerduty-signature}, {@code opsgenie-token}.
   */
  abstract AuthenticatedBy authenticatedBy();

  @Override
  public Set<String> mediaTypes() {
    return Set.of("application/json");
  }

  @Override
  public boolean requiresApiKey() {
    return false;
  }

  @Override
  public Reply handle(IncomingRequest request) throws IOException {
    verify(request);
    JsonNode payload;
    try {
      payload = JSON.readTree(request.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw HttpError.badRequest("body is not valid JSON: " + e.getOriginalMessage());
    }
    if (payload == null || !payload.isObject()) {
      throw HttpError.badRequest("a webhook body is a JSON object");
    }
    checkFresh(payload, clock.instant());
    String delivery = deliveryId(request, payload);
    if (recent != null && recent.contains(delivery)) {
      metrics.ignored(name(), 1);
      return Reply.json(200, Map.of("duplicate", true));
    }
    metrics.received(name(), 1);
    Instant now = clock.instant();
    List<PendingRecord<?>> records;
    try {
      records = map(request, payload, now);
    } catch (WebhookMappingException e) {
      Topic<DeadLetter> dlq = Topics.deadLetterTopic(targetTopic(request, payload)).orElseThrow();
      String reason =
          e.getMessage().length() > 2000 ? e.getMessage().substring(0, 2000) : e.getMessage();
      Map<String, String> headers = new LinkedHashMap<>(headersToKeep(request));
      byte[] deadLetterPayload = deadLetterCap.fit(WebhookRedaction.redact(payload), headers);
      spool.append(
          List.of(
              new PendingRecord<>(
                  dlq,
                  DeadLetter.newBuilder()
                      .setDeadLetterId(name() + ":" + delivery)
                      .setFailedAt(now)
                      .setStage(PipelineStage.INGEST)
                      .setComponent(name())
                      .setKey(delivery)
                      .setContentType(request.mediaType())
                      .setPayload(ByteBuffer.wrap(deadLetterPayload))
                      .setErrorClass("unmappable")
                      .setErrorMessage(reason)
                      .setHeaders(headers)
                      .build())),
          authenticatedBy());
      metrics.rejected(name(), "unmappable", 1);
      metrics.deadLettered(dlq.name(), 1);
      return Reply.json(202, Map.of("spooled", 0, "deadLettered", 1, "reason", reason));
    }
    if (records.isEmpty()) {
      metrics.ignored(name(), 1);
      return Reply.json(200, Map.of("ignored", true));
    }
    spool.append(records, authenticatedBy());
    if (recent != null) {
      recent.remember(delivery);
    }
    return Reply.json(202, Map.of("spooled", records.size()));
  }
}
