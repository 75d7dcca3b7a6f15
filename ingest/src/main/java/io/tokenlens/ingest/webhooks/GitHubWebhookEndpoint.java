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
 * {@code POST /webhooks/github}: {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body with
 * {@code ingest.github.webhook.secret}, constant-time), {@code X-GitHub-Event}, {@code
 * X-GitHub-Delivery} (the dedup id); {@code pull_request} and {@code pull_request_review} are
 * mapped, {@code ping}, {@code push} and the rest are acknowledged and ignored.
 */
public final class GitHubWebhookEndpoint extends SpooledWebhookEndpoint {
  private static final AuthenticatedBy AUTHENTICATED_BY =
      AuthenticatedBy.webhook("github-signature");
  public static final String PATH = "/webhooks/github";

  private final String secret;

  public GitHubWebhookEndpoint(
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
    return "webhook-github";
  }

  @Override
  public void authenticateHeaders(Function<String, String> headers) {
    String signature = headers.apply("X-Hub-Signature-256");
    if (signature == null || !signature.startsWith("sha256=")) {
      throw badSignature();
    }
  }

  @Override
  void verify(IncomingRequest request) {
    if (!HmacSignatures.verifyGitHub(
        secret, request.body(), request.header("X-Hub-Signature-256"))) {
      throw badSignature();
    }
  }

  private static HttpError badSignature() {
    return new HttpError(
        401,
        "bad_signature",
        "X-Hub-Signature-256 is missing or does not match the body "
            + "(HMAC-SHA256 with the configured ingest.github.webhook.secret)");
  }

  @Override
  boolean deduplicates() {
    return true;
  }

  @Override
  String deliveryId(IncomingRequest request, JsonNode payload) {
    String event = request.header("X-GitHub-Event");
    String delivery = request.header("X-GitHub-Delivery");
    if (event == null || event.isBlank() || delivery == null || delivery.isBlank()) {
      throw HttpError.badRequest("X-GitHub-Event and X-GitHub-Delivery headers are required");
    }
    return delivery;
  }

  @Override
  List<PendingRecord<?>> map(IncomingRequest request, JsonNode payload, Instant now) {
    return GitHubMapper.map(
        request.header("X-GitHub-Event"), request.header("X-GitHub-Delivery"), payload, now);
  }

  @Override
  Topic<?> targetTopic(IncomingRequest request, JsonNode payload) {
    return switch (String.valueOf(request.header("X-GitHub-Event"))) {
      case "pull_request_review" -> Topics.PR_REVIEWS;
      case "push" -> Topics.CODE_PUSHES;
      default -> Topics.PR_EVENTS;
    };
  }

  @Override
  Map<String, String> headersToKeep(IncomingRequest request) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-github-event", request.header("X-GitHub-Event"));
    h.put("x-github-delivery", request.header("X-GitHub-Delivery"));
    return h;
  }

  @Override
  AuthenticatedBy authenticatedBy() {
    return AUTHENTICATED_BY;
  }
}
