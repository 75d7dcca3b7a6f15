package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.avro.IncidentStatus;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * PagerDuty v3 webhook payloads ({@code {"event": {"id", "event_type", "resource_type",
 * "occurred_at", "data"}}}) to {@link IncidentEvent}: every {@code incident.*} event type carries
 * the incident's status after it ({@code incident.triggered} / {@code reopened} → TRIGGERED, {@code
 * acknowledged} → ACKNOWLEDGED, {@code resolved} → RESOLVED, others: the incident's {@code
 * status}). Other resource types map to nothing. The event id is {@code pagerduty:<event.id>}; the
 * service is the PagerDuty service name, lowercased; PR and commit links in the title become change
 * references.
 */
public final class PagerDutyMapper {
  private PagerDutyMapper() {}

  public static List<PendingRecord<?>> map(JsonNode payload, Instant acceptedAt) {
    JsonNode event = payload.path("event");
    if (!event.isObject()) {
      throw new WebhookMappingException("event: missing");
    }
    String type = Payloads.text(event, "event_type");
    if (type == null
        || !type.startsWith("incident.")
        || !"incident".equals(Payloads.text(event, "resource_type"))) {
      return List.of();
    }
    String eventId = Payloads.requiredText(event, "id", "event.id");
    JsonNode data = event.path("data");
    if (!data.isObject()) {
      throw new WebhookMappingException("event.data: missing");
    }
    Instant occurred = Payloads.isoTime(event, "occurred_at");
    if (occurred == null) {
      throw new WebhookMappingException("event.occurred_at: missing");
    }
    IncidentStatus status =
        switch (type) {
          case "incident.triggered", "incident.reopened" -> IncidentStatus.TRIGGERED;
          case "incident.acknowledged" -> IncidentStatus.ACKNOWLEDGED;
          case "incident.resolved" -> IncidentStatus.RESOLVED;
          default -> status(Payloads.text(data, "status"));
        };
    Instant created = Payloads.isoTime(data, "created_at");
    String title = Payloads.text(data, "title");
    JsonNode service = data.path("service");
    String serviceName = Payloads.text(service, "summary");
    if (serviceName == null) {
      throw new WebhookMappingException("event.data.service.summary: missing");
    }
    IncidentEvent incident =
        IncidentEvent.newBuilder()
            .setEventId("pagerduty:" + eventId)
            .setOccurredAt(occurred)
            .setAcceptedAt(acceptedAt)
            .setProvider(IncidentProvider.PAGERDUTY)
            .setDeliveryId(eventId)
            .setIncidentId(Payloads.requiredText(data, "id", "event.data.id"))
            .setIncidentNumber(Payloads.text(data, "number"))
            .setUrl(Payloads.text(data, "html_url"))
            .setTitle(title)
            .setService(serviceName.trim().toLowerCase(Locale.ROOT))
            .setProviderServiceId(Payloads.text(service, "id"))
            .setStatus(status)
            .setUrgency(Payloads.text(data, "urgency"))
            .setPriority(Payloads.text(data.path("priority"), "summary"))
            .setTriggeredAt(created != null ? created : occurred)
            .setAcknowledgedAt(status == IncidentStatus.ACKNOWLEDGED ? occurred : null)
            .setResolvedAt(status == IncidentStatus.RESOLVED ? occurred : null)
            .setChangeReferences(ChangeReferences.find(title))
            .build();
    return List.of(new PendingRecord<>(Topics.INCIDENT_EVENTS, incident));
  }

  private static IncidentStatus status(String raw) {
    if (raw == null) {
      return IncidentStatus.UNKNOWN;
    }
    return switch (raw) {
      case "triggered" -> IncidentStatus.TRIGGERED;
      case "acknowledged" -> IncidentStatus.ACKNOWLEDGED;
      case "resolved" -> IncidentStatus.RESOLVED;
      default -> IncidentStatus.UNKNOWN;
    };
  }
}
