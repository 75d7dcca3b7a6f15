package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.avro.IncidentStatus;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opsgenie outgoing webhook payloads ({@code {"action", "alert": {...}, "source", "integrationId",
 * "integrationName"}}) to {@link IncidentEvent}: {@code Create} → TRIGGERED, {@code Acknowledge} →
 * ACKNOWLEDGED, {@code UnAcknowledge} → TRIGGERED (open again), {@code Close} → RESOLVED; other
 * actions (notes, tags, owners, priority changes, {@code Delete}, ...) map to nothing.
 *
 * <p>The service is, in this order: the value of the first tag {@code service:<name>}, the alert
 * detail {@code service}, the alert's {@code entity}; lowercased. Opsgenie sends tags and the
 * entity with every action but details only with {@code Create}, so the tag is the rule that keys
 * every event of an alert alike. An alert with none of the three cannot be attributed and goes to
 * the dead-letter topic. The event id is {@code opsgenie:<alertId>:<action>:<updatedAt as sent>}
 * (see {@link #dedupKey}).
 */
public final class OpsgenieMapper {
  static final String SERVICE_TAG = "service:";

  private OpsgenieMapper() {}

  public static List<PendingRecord<?>> map(JsonNode payload, byte[] body, Instant acceptedAt) {
    String action = Payloads.requiredText(payload, "action", "action");
    IncidentStatus status =
        switch (action) {
          case "Create", "UnAcknowledge" -> IncidentStatus.TRIGGERED;
          case "Acknowledge" -> IncidentStatus.ACKNOWLEDGED;
          case "Close" -> IncidentStatus.RESOLVED;
          default -> null;
        };
    if (status == null) {
      return List.of();
    }
    JsonNode alert = Payloads.requiredObject(payload, "alert", "alert");
    String alertId = Payloads.requiredText(alert, "alertId", "alert.alertId");
    Instant updated = WebhookTimes.epoch(alert, "updatedAt", "alert.updatedAt");
    Instant created = WebhookTimes.epoch(alert, "createdAt", "alert.createdAt");
    Instant occurred = updated != null ? updated : acceptedAt;
    String message = Payloads.text(alert, "message");
    String priority = Payloads.text(alert, "priority");
    IncidentEvent incident =
        IncidentEvent.newBuilder()
            .setEventId("opsgenie:" + dedupKey(payload, body))
            .setOccurredAt(occurred)
            .setAcceptedAt(acceptedAt)
            .setProvider(IncidentProvider.OPSGENIE)
            .setIncidentId(alertId)
            .setIncidentNumber(Payloads.text(alert, "tinyId"))
            .setTitle(message == null ? null : message.trim())
            .setService(service(alert))
            .setStatus(status)
            .setPriority(priority == null ? null : priority.trim().toUpperCase(Locale.ROOT))
            .setTriggeredAt(created != null ? created : occurred)
            .setAcknowledgedAt(status == IncidentStatus.ACKNOWLEDGED ? occurred : null)
            .setResolvedAt(status == IncidentStatus.RESOLVED ? occurred : null)
            .setChangeReferences(ChangeReferences.find(texts(alert)))
            .build();
    return List.of(new PendingRecord<>(Topics.INCIDENT_EVENTS, incident));
  }

  /**
   * {@code <alertId>:<action>:<updatedAt>}, the values as Opsgenie sent them: identical when
   * Opsgenie retries the same call, different for every later action on the alert. Without those
   * three fields (not an alert payload), {@code sha256:} and the first 32 hex digits of the body's
   * SHA-256.
   */
  static String dedupKey(JsonNode payload, byte[] body) {
    JsonNode alert = payload.path("alert");
    String alertId = Payloads.text(alert, "alertId");
    String action = Payloads.text(payload, "action");
    String updated = Payloads.text(alert, "updatedAt");
    if (alertId == null || action == null || updated == null) {
      return "sha256:" + Hashes.sha256Hex(body).substring(0, 32);
    }
    return alertId + ":" + action + ":" + updated;
  }

  static String service(JsonNode alert) {
    for (JsonNode tag : alert.path("tags")) {
      String t = tag.isTextual() ? tag.asText().trim() : "";
      if (t.regionMatches(true, 0, SERVICE_TAG, 0, SERVICE_TAG.length())
          && !t.substring(SERVICE_TAG.length()).isBlank()) {
        return normalise(t.substring(SERVICE_TAG.length()));
      }
    }
    String detail = Payloads.text(alert.path("details"), "service");
    if (detail != null) {
      return normalise(detail);
    }
    String entity = Payloads.text(alert, "entity");
    if (entity != null) {
      return normalise(entity);
    }
    throw new WebhookMappingException(
        "alert: no service: tag the alert service:<name>, or set the detail "
            + "'service' or the entity");
  }

  private static String normalise(String service) {
    return service.trim().toLowerCase(Locale.ROOT);
  }

  /** Where change links may be: the message, the description and the detail values. */
  private static String[] texts(JsonNode alert) {
    List<String> texts = new ArrayList<>();
    texts.add(Payloads.text(alert, "message"));
    texts.add(Payloads.text(alert, "description"));
    alert.path("details").forEach(v -> texts.add(v.isTextual() ? v.asText() : null));
    return texts.toArray(String[]::new);
  }
}
