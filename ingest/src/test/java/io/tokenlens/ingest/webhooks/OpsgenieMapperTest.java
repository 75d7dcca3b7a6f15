package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.ChangeReference;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.avro.IncidentStatus;
import io.tokenlens.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsgenieMapperTest {
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant CREATED = Instant.parse("2026-11-22T08:40:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE_TAG = "\"production\", \"service:Checkout\"";

  private static List<PendingRecord<?>> map(String payload) throws Exception {
    return OpsgenieMapper.map(
        JSON.readTree(payload), payload.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private static IncidentEvent incident(String payload) throws Exception {
    List<PendingRecord<?>> records = map(payload);
    assertThat(records).hasSize(1);
    return (IncidentEvent) records.get(0).value();
  }

  @Test
  void shouldMapACreatedAlertToATriggeredIncidentKeyedByItsServiceTag() throws Exception {
    List<PendingRecord<?>> records =
        map(
            OpsgeniePayloads.create(
                SERVICE_TAG, "\"runbook\": \"see https://github.com/acme/shop/pull/1347\""));

    assertThat(records.get(0).topic()).isEqualTo(Topics.INCIDENT_EVENTS);
    assertThat(records.get(0).key()).isEqualTo("checkout");
    IncidentEvent e = (IncidentEvent) records.get(0).value();
    assertThat(e.getEventId())
        .isEqualTo(
            "opsgenie:"
                + OpsgeniePayloads.ALERT_ID
                + ":Create:"
                + (OpsgeniePayloads.CREATED_AT_MS + 2)
                + "000123");
    assertThat(e.getProvider()).isEqualTo(IncidentProvider.OPSGENIE);
    assertThat(e.getIncidentId()).isEqualTo(OpsgeniePayloads.ALERT_ID);
    assertThat(e.getIncidentNumber()).isEqualTo("23");
    assertThat(e.getStatus()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(e.getPriority()).isEqualTo("P2");
    assertThat(e.getTitle()).startsWith("5xx on checkout");
    assertThat(e.getTriggeredAt()).isEqualTo(CREATED);
    assertThat(e.getOccurredAt()).isEqualTo(CREATED.plusMillis(2));
    assertThat(e.getAcknowledgedAt()).isNull();
    assertThat(e.getResolvedAt()).isNull();
    assertThat(e.getChangeReferences())
        .extracting(
            ChangeReference::getRepository,
            ChangeReference::getNumber,
            ChangeReference::getCommitSha)
        .containsExactly(
            tuple("acme/shop", 12L, null),
            tuple("acme/shop", null, "e5bd3914e2e596debea16f433f57875b5b90bcd6"),
            tuple("acme/shop", 1347L, null));
  }

  @Test
  void shouldMapAcknowledgeAndCloseWithTheirTimes() throws Exception {
    IncidentEvent ack = incident(OpsgeniePayloads.action("Acknowledge", 5, SERVICE_TAG));
    IncidentEvent closed = incident(OpsgeniePayloads.action("Close", 30, SERVICE_TAG));
    IncidentEvent reopened = incident(OpsgeniePayloads.action("UnAcknowledge", 7, SERVICE_TAG));

    assertThat(ack.getStatus()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(ack.getAcknowledgedAt()).isEqualTo(CREATED.plusSeconds(300));
    assertThat(ack.getTriggeredAt()).isEqualTo(CREATED);
    assertThat(closed.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(closed.getResolvedAt()).isEqualTo(CREATED.plusSeconds(1800));
    assertThat(closed.getService()).isEqualTo("checkout");
    assertThat(reopened.getStatus()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(closed.getEventId()).isNotEqualTo(ack.getEventId());
  }

  @Test
  void shouldTakeTheServiceFromTheTagThenTheDetailThenTheEntity() throws Exception {
    JsonNode detailOnly =
        JSON.readTree(OpsgeniePayloads.create("\"production\"", "\"service\": \"Payments\""));
    JsonNode entityOnly = JSON.readTree(OpsgeniePayloads.create("\"production\"", ""));
    JsonNode tagWins =
        JSON.readTree(OpsgeniePayloads.create(SERVICE_TAG, "\"service\": \"Payments\""));

    assertThat(OpsgenieMapper.service(tagWins.get("alert"))).isEqualTo("checkout");
    assertThat(OpsgenieMapper.service(detailOnly.get("alert"))).isEqualTo("payments");
    assertThat(OpsgenieMapper.service(entityOnly.get("alert"))).isEqualTo("checkout-api");
    String nothing =
        OpsgeniePayloads.action("Close", 30, "")
            .replace("\"entity\": \"checkout-api\"", "\"entity\": \"\"");
    assertThatThrownBy(() -> map(nothing))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessageStartingWith("alert: no service");
  }

  @Test
  void shouldIgnoreOtherActionsAndRefuseAlertsWithoutAnId() throws Exception {
    assertThat(map(OpsgeniePayloads.action("AddNote", 3, SERVICE_TAG))).isEmpty();
    assertThat(map(OpsgeniePayloads.action("Delete", 3, SERVICE_TAG))).isEmpty();
    String noId =
        OpsgeniePayloads.action("Close", 30, SERVICE_TAG).replace("\"alertId\"", "\"otherId\"");
    assertThatThrownBy(() -> map(noId))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessage("alert.alertId: missing");
    assertThatThrownBy(() -> map("{\"alert\": {}}"))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessage("action: missing");
  }

  @Test
  void shouldGiveARetriedCallTheSameDedupKeyAndAPayloadWithoutIdsAHash() throws Exception {
    String ack = OpsgeniePayloads.action("Acknowledge", 5, SERVICE_TAG);
    byte[] body = ack.getBytes(StandardCharsets.UTF_8);

    assertThat(OpsgenieMapper.dedupKey(JSON.readTree(ack), body))
        .isEqualTo(OpsgenieMapper.dedupKey(JSON.readTree(ack), body))
        .isEqualTo(
            OpsgeniePayloads.ALERT_ID
                + ":Acknowledge:"
                + (OpsgeniePayloads.CREATED_AT_MS + 300_000)
                + "000000");
    assertThat(
            OpsgenieMapper.dedupKey(
                JSON.readTree("{\"action\": \"Create\"}"), "{}".getBytes(StandardCharsets.UTF_8)))
        .matches("sha256:[0-9a-f]{32}");
  }
}
