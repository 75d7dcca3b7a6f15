package io.tokenlens.streams.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message for the webhook, whatever it came from (a burn or budget alert, a waste finding):
 * what the formats ({@link SlackMessage}, {@link JsonMessage}) render, and what delivery needs to
 * deduplicate and rate-limit it.
 *
 * @param source {@code alert} or {@code finding}
 * @param kind the alert kind or the finding's pattern
 * @param id the alert id or the finding id (sent as {@value WebhookClient#ALERT_ID})
 * @param deliveryId what makes this delivery unique: the alert id, or the finding id with its cost
 *     step; its hash is the {@code Idempotency-Key}, and a delivery id already sent is not sent
 *     again
 * @param subject who it is about, the unit of rate limiting: {@code ENGINEER:<id>}, {@code
 *     TEAM:<name>} or {@code REPOSITORY:<owner/name>}
 * @param title a one-line headline
 * @param text the human-readable message
 * @param fields named figures, in display order
 * @param evidence the {@code ./tokenlens sql} command that shows the row behind it
 * @param suppressed how many notifications of the same subject the rate limit held back just before
 *     this one
 */
public record Notification(
    String source,
    String kind,
    String id,
    String deliveryId,
    String subject,
    String title,
    String text,
    Map<String, String> fields,
    String evidence,
    int suppressed) {

  public Notification {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** This notification, telling also of {@code count} held back before it. */
  public Notification withSuppressed(int count) {
    return new Notification(
        source, kind, id, deliveryId, subject, title, text, fields, evidence, count);
  }
}
