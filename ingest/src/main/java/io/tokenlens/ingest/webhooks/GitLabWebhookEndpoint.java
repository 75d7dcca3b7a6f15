package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.spool.WebhookSpool;
import io.tokenlens.schemas.topics.Topic;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /webhooks/gitlab}: GitLab project, group and system hooks. GitLab does not sign its
 * bodies: it sends the webhook's secret token in {@code X-Gitlab-Token}, compared in constant time
 * with {@code ingest.gitlab.webhook.secret}. {@code X-Gitlab-Event} names the hook; merge request
 * hooks are mapped ({@link GitLabMapper}), the rest acknowledged and ignored. The dedup id is
 * {@code gitlab:<key>}, the key being {@code Idempotency-Key} (GitLab documents it as identical on
 * every retry), else {@code X-Gitlab-Event-UUID}, else {@code sha256:} and the first 32 hex digits
 * of the body's SHA-256.
 */
public final class GitLabWebhookEndpoint extends SpooledWebhookEndpoint {
  private static final AuthenticatedBy AUTHENTICATED_BY = AuthenticatedBy.webhook("gitlab-token");
  public static final String PATH = "/webhooks/gitlab";

  private final String secret;

  public GitLabWebhookEndpoint(
      String secret,
      WebhookSettings settings,
      WebhookSpool spool,
      IngestMetrics metrics,
      Clock clock) {
    super(settings, spool, metrics, clock);
    this.secret = secret;
  }

  @Override
  public String name() {
    return "webhook-gitlab";
  }

  @Override
  void verify(IncomingRequest request) {
    // the token was checked with the headers, before the body was read
  }

  @Override
  public void authenticateHeaders(Function<String, String> headers) {
    if (!SecretTokens.matches(secret, headers.apply("X-Gitlab-Token"))) {
      throw new HttpError(
          401,
          "bad_token",
          "X-Gitlab-Token is missing or is not the configured "
              + "ingest.gitlab.webhook.secret (the webhook's Secret token in GitLab)");
    }
  }

  @Override
  boolean deduplicates() {
    return true;
  }

  @Override
  String deliveryId(IncomingRequest request, JsonNode payload) {
    String event = request.header("X-Gitlab-Event");
    if (event == null || event.isBlank()) {
      throw HttpError.badRequest("the X-Gitlab-Event header is required");
    }
    return dedupKey(request);
  }

  static String dedupKey(IncomingRequest request) {
    for (String header : List.of("Idempotency-Key", "X-Gitlab-Event-UUID")) {
      String value = request.header(header);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return "sha256:" + Hashes.sha256Hex(request.body()).substring(0, 32);
  }

  @Override
  List<PendingRecord<?>> map(IncomingRequest request, JsonNode payload, Instant now) {
    String uuid = request.header("X-Gitlab-Event-UUID");
    return GitLabMapper.map(
        request.header("X-Gitlab-Event").trim(),
        "gitlab:" + dedupKey(request),
        uuid == null || uuid.isBlank() ? request.header("Idempotency-Key") : uuid.trim(),
        payload,
        now);
  }

  @Override
  Topic<?> targetTopic(IncomingRequest request, JsonNode payload) {
    return GitLabMapper.targetTopic(payload);
  }

  @Override
  Map<String, String> headersToKeep(IncomingRequest request) {
    Map<String, String> h = new LinkedHashMap<>();
    for (String name :
        List.of(
            "X-Gitlab-Event",
            "X-Gitlab-Event-UUID",
            "Idempotency-Key",
            "X-Gitlab-Instance",
            "X-Gitlab-Webhook-UUID")) {
      String value = request.header(name);
      if (value != null) {
        h.put(name.toLowerCase(java.util.Locale.ROOT), value);
      }
    }
    return h;
  }

  @Override
  AuthenticatedBy authenticatedBy() {
    return AUTHENTICATED_BY;
  }
}
