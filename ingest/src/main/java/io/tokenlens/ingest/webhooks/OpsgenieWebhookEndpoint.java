package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.http.ApiKeys;
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
 * {@code POST /webhooks/opsgenie}: Opsgenie's outgoing webhook integration. Opsgenie does not sign
 * its calls; the integration sends a custom header {@code Authorization: Bearer
 * <ingest.opsgenie.webhook.token>}, compared in constant time. A token in the URL is not accepted:
 * URLs end up in access logs and in the integration's settings page. The dedup id is {@code
 * opsgenie:<alertId>:<action>:<updatedAt>} ({@link OpsgenieMapper#dedupKey}).
 */
public final class OpsgenieWebhookEndpoint extends SpooledWebhookEndpoint {
  private static final AuthenticatedBy AUTHENTICATED_BY = AuthenticatedBy.webhook("opsgenie-token");
  public static final String PATH = "/webhooks/opsgenie";

  private final ApiKeys token;

  public OpsgenieWebhookEndpoint(
      String token,
      WebhookSettings settings,
      WebhookSpool spool,
      IngestMetrics metrics,
      Clock clock) {
    super(settings, spool, metrics, clock);
    this.token = new ApiKeys(Map.of("opsgenie", token));
  }

  @Override
  public String name() {
    return "webhook-opsgenie";
  }

  @Override
  void verify(IncomingRequest request) {
    // the token was checked with the headers, before the body was read
  }

  @Override
  public void authenticateHeaders(Function<String, String> headers) {
    if (token.authenticate(headers.apply("Authorization")).isEmpty()) {
      throw new HttpError(
          401,
          "bad_token",
          "send the custom header 'Authorization: Bearer <token>' with the "
              + "configured ingest.opsgenie.webhook.token");
    }
  }

  @Override
  String deliveryId(IncomingRequest request, JsonNode payload) {
    return OpsgenieMapper.dedupKey(payload, request.body());
  }

  @Override
  List<PendingRecord<?>> map(IncomingRequest request, JsonNode payload, Instant now) {
    return OpsgenieMapper.map(payload, request.body(), now);
  }

  @Override
  Topic<?> targetTopic(IncomingRequest request, JsonNode payload) {
    return Topics.INCIDENT_EVENTS;
  }

  @Override
  Map<String, String> headersToKeep(IncomingRequest request) {
    Map<String, String> h = new LinkedHashMap<>();
    String agent = request.header("User-Agent");
    if (agent != null) {
      h.put("user-agent", agent);
    }
    return h;
  }

  @Override
  AuthenticatedBy authenticatedBy() {
    return AUTHENTICATED_BY;
  }
}
