package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.ChangeReference;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.avro.IncidentStatus;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagerDutyMapperTest {
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<PendingRecord<?>> map(String payload) throws Exception {
    return PagerDutyMapper.map(JSON.readTree(payload), NOW);
  }

  @Test
  void shouldMapATriggeredIncidentWithItsServiceUrgencyPriorityAndLinks() throws Exception {
    List<PendingRecord<?>> records =
        map(
            PagerDutyPayloads.incident(
                "01DEN8G0XN8Y4VJ0ZQ7D3HC3AN",
                "incident.triggered",
                "triggered",
                "5xx on checkout after https://github.com/Octo-Org/Shop/pull/1347 and https://github.com/octo-org/shop/commit/e5bd3914e2e596debea16f433f57875b5b90bcd6"));

    assertThat(records).hasSize(1);
    assertThat(records.get(0).topic()).isEqualTo(Topics.INCIDENT_EVENTS);
    assertThat(records.get(0).key()).isEqualTo("checkout api");
    IncidentEvent e = (IncidentEvent) records.get(0).value();
    assertThat(e.getEventId()).isEqualTo("pagerduty:01DEN8G0XN8Y4VJ0ZQ7D3HC3AN");
    assertThat(e.getProvider()).isEqualTo(IncidentProvider.PAGERDUTY);
    assertThat(e.getIncidentId()).isEqualTo("PGR0VU2");
    assertThat(e.getIncidentNumber()).isEqualTo("2");
    assertThat(e.getStatus()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(e.getUrgency()).isEqualTo("high");
    assertThat(e.getPriority()).isEqualTo("P1");
    assertThat(e.getProviderServiceId()).isEqualTo("PF9KMXH");
    assertThat(e.getTriggeredAt()).isEqualTo(Instant.parse("2026-11-22T08:40:00Z"));
    assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:45:22.169Z"));
    assertThat(e.getAcknowledgedAt()).isNull();
    assertThat(e.getChangeReferences())
        .extracting(
            ChangeReference::getRepository,
            ChangeReference::getNumber,
            ChangeReference::getCommitSha)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("octo-org/shop", 1347L, null),
            org.assertj.core.groups.Tuple.tuple(
                "octo-org/shop", null, "e5bd3914e2e596debea16f433f57875b5b90bcd6"));
  }

  @Test
  void shouldTakeTheStatusTransitionFromTheEventType() throws Exception {
    IncidentEvent ack =
        (IncidentEvent)
            map(PagerDutyPayloads.incident("e2", "incident.acknowledged", "acknowledged", "t"))
                .get(0)
                .value();
    IncidentEvent resolved =
        (IncidentEvent)
            map(PagerDutyPayloads.incident("e3", "incident.resolved", "resolved", "t"))
                .get(0)
                .value();
    IncidentEvent priority =
        (IncidentEvent)
            map(PagerDutyPayloads.incident("e4", "incident.priority_updated", "acknowledged", "t"))
                .get(0)
                .value();

    assertThat(ack.getStatus()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(ack.getAcknowledgedAt()).isEqualTo(Instant.parse("2026-11-22T08:45:22.169Z"));
    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(resolved.getResolvedAt()).isEqualTo(Instant.parse("2026-11-22T08:45:22.169Z"));
    assertThat(priority.getStatus()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
  }

  @Test
  void shouldIgnoreOtherResourcesAndRefuseIncidentsWithoutAService() throws Exception {
    assertThat(
            map(
                "{\"event\": {\"id\": \"x\", \"event_type\": \"pagey.ping\", \"resource_type\": \"pagey\", "
                    + "\"occurred_at\": \"2026-11-22T08:45:22Z\", \"data\": {}}}"))
        .isEmpty();
    String noService =
        PagerDutyPayloads.incident("e5", "incident.triggered", "triggered", "t")
            .replace("\"summary\": \"Checkout API\",", "");
    assertThatThrownBy(() -> map(noService))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessage("event.data.service.summary: missing");
  }
}
