package io.tokenlens.ingest.webhooks;

import io.tokenlens.ingest.publish.DeadLetterPayloadCap;

/**
 * What every webhook endpoint shares.
 *
 * @param maxBodyBytes largest webhook body, on the wire and after gzip ({@value
 *     #MAX_BODY_BYTES_KEY})
 * @param dedupDeliveries delivery ids remembered per webhook that deduplicates by delivery id
 *     (GitHub, GitLab)
 * @param replayTolerance how far the signed time of a delivery (PagerDuty's {@code
 *     event.occurred_at}) may be from now; zero accepts any time
 * @param deadLetterCap the largest (redacted) payload of a dead letter
 */
public record WebhookSettings(
    long maxBodyBytes,
    int dedupDeliveries,
    java.time.Duration replayTolerance,
    DeadLetterPayloadCap deadLetterCap) {
  public static final String MAX_BODY_BYTES_KEY = "ingest.webhook.max.body.bytes";
}
