package io.tokenlens.simulator.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenlens.schemas.avro.IncidentEvent;
import java.util.Locale;
import java.util.Map;

/**
 * PagerDuty v3 webhooks ({@code incident.triggered}, {@code .acknowledged}, {@code .resolved}) as
 * PagerDuty sends them by default: the incident reference with title, service, urgency and
 * priority, never an incident body; signed with {@code X-PagerDuty-Signature: v1=<hex>}.
 */
public final class PagerDutyWebhooks {
  public static final String PATH = "/webhooks/pagerduty";
  private final String secret;

  public PagerDutyWebhooks(String secret) {
    this.secret = secret;
  }

  public HttpDelivery incident(IncidentEvent e) {
    String type = "incident." + e.getStatus().name().toLowerCase(Locale.ROOT);
    ObjectNode payload = Json.object();
    ObjectNode event = payload.putObject("event");
    event.put("id", e.getDeliveryId());
    event.put("event_type", type);
    event.put("resource_type", "incident");
    event.put("occurred_at", e.getOccurredAt().toString());
    event.putNull("agent");
    event.putNull("client");
    ObjectNode data = event.putObject("data");
    data.put("id", e.getIncidentId());
    data.put("type", "incident");
    data.put("self", "https://api.pagerduty.com/incidents/" + e.getIncidentId());
    data.put("html_url", "https://acme.pagerduty.com/incidents/" + e.getIncidentId());
    data.put("number", Math.floorMod(e.getIncidentId().hashCode(), 100_000));
    data.put("status", e.getStatus().name().toLowerCase(Locale.ROOT));
    data.put("incident_key", e.getIncidentId().toLowerCase(Locale.ROOT));
    data.put("created_at", e.getTriggeredAt().toString());
    data.put("title", "High error rate on " + e.getService());
    ObjectNode service = data.putObject("service");
    service
        .put("id", e.getProviderServiceId())
        .put("summary", e.getService())
        .put("type", "service_reference");
    service.put("html_url", "https://acme.pagerduty.com/services/" + e.getProviderServiceId());
    data.putObject("priority")
        .put("id", "PSO75BM")
        .put("summary", e.getPriority())
        .put("type", "priority_reference");
    data.put("urgency", e.getUrgency());
    byte[] body = Json.bytes(payload);
    return new HttpDelivery(
        PATH,
        "application/json",
        Map.of(
            "X-PagerDuty-Signature",
            Signatures.pagerDuty(secret, body),
            "X-Webhook-Id",
            e.getDeliveryId(),
            "User-Agent",
            "PagerDuty-Webhook/V3.0"),
        body,
        e.getOccurredAt(),
        "pagerduty " + type,
        Map.of(type, 1));
  }
}
