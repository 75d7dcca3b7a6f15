package io.tokenlens.ingest.webhooks;

/**
 * What every webhook endpoint shares.
 *
 * @param maxBodyBytes largest webhook body, on the wire and after gzip ({@value #MAX_BODY_BYTES_KEY})
 * @param dedupDeliveries delivery ids remembered per webhook that deduplicates by delivery id (GitHub, GitLab)
 */
public record WebhookSettings(long maxBodyBytes, int dedupDeliveries) {
  public static final String MAX_BODY_BYTES_KEY = "ingest.webhook.max.body.bytes";
}
