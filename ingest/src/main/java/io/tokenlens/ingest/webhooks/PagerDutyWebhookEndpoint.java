package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.spool.WebhookSpool;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /webhooks/pagerduty}: PagerDuty v3 webhooks. {@code X-PagerDuty-Signature} may carry
 * several {@code v1=<hex>} signatures (during a secret rotation); one matching the HMAC-SHA256 of
 * the raw body with {@code ingest.pagerduty.webhook.secret} suffices. The dedup id is the payload's
 * {@code event.id}.
 */
public final class PagerDutyWebhookEndpoint extends SpooledWebhookEndpoint {
  private static final AuthenticatedBy AUTHENTICATED_BY =
      AuthenticatedBy.webhook("pagerduty-signature");
  public static final String PATH = "/webhooks/pagerduty";

  private final String secret;
  private final java.time.Duration tolerance;

  public PagerDutyWebhookEndpoint(
      String secret,
      WebhookSettings settings,
      WebhookSpool spool,
      IngestMetrics metrics,
      Clock clock) {
    super(settings, spool, metrics, clock);
    this.tolerance = settings.replayTolerance();
    this.secret = secret;
  }

  @Override
  public String name() {
    return "webhook-pagerduty";
  }

  @Override
  public void authenticateHeaders(Function<String, String> headers) {
    String signature = headers.apply("X-PagerDuty-Signature");
    if (signature == null || !signature.contains("v1=")) {
      throw badSignature();
    }
  }

  @Override
  void verify(IncomingRequest request) {
    if (!HmacSignatures.verifyPagerDuty(
        secret, request.body(), request.header("X-PagerDuty-Signature"))) {
      throw badSignature();
    }
  }

  private static HttpError badSignature() {
    return new HttpError(
        401,
        "bad_signature",
        "X-PagerDuty-Signature is missing or no v1 signature matches the "
            + "body (HMAC-SHA256 with the configured ingest.pagerduty.webhook.secret)");
  }

  /**
   * PagerDuty signs the body, and the body carries {@code event.occurred_at}: a delivery whose
   * signed time is further than {@code ingest.webhook.replay.tolerance.seconds} from now is a
   * replay (or a clock far off) and refused.
   */
  @Override
  void checkFresh(JsonNode payload, Instant now) {
    if (tolerance.isZero()) {
      return;
    }
    Instant occurred = Payloads.isoTime(payload.path("event"), "occurred_at");
    if (occurred == null
        || java.time.Duration.between(occurred, now).abs().compareTo(tolerance) > 0) {
      throw new HttpError(
          401,
          "stale_delivery",
          "event.occurred_at "
              + (occurred == null
                  ? "is missing"
                  : occurred + " is more than " + tolerance.toSeconds() + " s from now")
              + " (ingest.webhook.replay.tolerance.seconds)");
    }
  }

  @Override
  String deliveryId(IncomingRequest request, JsonNode payload) {
    String id = Payloads.text(payload.path("event"), "id");
    if (id == null) {
      throw HttpError.badRequest("event.id is required in a PagerDuty v3 webhook");
    }
    return id;
  }

  @Override
  List<PendingRecord<?>> map(IncomingRequest request, JsonNode payload, Instant now) {
    return PagerDutyMapper.map(payload, now);
  }

  @Override
  Topic<?> targetTopic(IncomingRequest request, JsonNode payload) {
    return Topics.INCIDENT_EVENTS;
  }

  @Override
  Map<String, String> headersToKeep(IncomingRequest request) {
    Map<String, String> h = new LinkedHashMap<>();
    if (request.header("X-Webhook-Id") != null) {
      h.put("x-webhook-id", request.header("X-Webhook-Id"));
    }
    return h;
  }

  @Override
  AuthenticatedBy authenticatedBy() {
    return AUTHENTICATED_BY;
  }
}
