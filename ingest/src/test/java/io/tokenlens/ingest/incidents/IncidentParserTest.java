package io.tokenlens.ingest.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.schemas.avro.ChangeReference;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.avro.IncidentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentParserTest {
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

  static final String RESOLVED =
      """
      {"id": "INC-42", "service": "Checkout", "status": "resolved", "title": "5xx on checkout",
       "priority": "p1", "urgency": "High", "occurredAt": "2026-11-22T08:50:00Z", "triggeredAt": 1795336800000,
       "url": "https://status.example.com/incidents/42",
       "links": ["https://github.com/Acme/Shop/pull/1347", "https://gitlab.example.com/acme/platform/shop/-/commit/da1560886d4f",
                 "E5BD3914E2E596DEBEA16F433F57875B5B90BCD6"]}""";

  private static List<IncidentEvent> parse(String body) {
    return IncidentParser.parse(body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private static List<String> problems(String body) {
    try {
      parse(body);
    } catch (HttpError e) {
      assertThat(e.status()).isEqualTo(400);
      return e.details();
    }
    throw new AssertionError("accepted: " + body);
  }

  @Test
  void shouldMapTheDocumentedShape() {
    List<IncidentEvent> events = parse(RESOLVED);

    assertThat(events).hasSize(1);
    IncidentEvent e = events.get(0);
    assertThat(e.getEventId()).isEqualTo("generic:INC-42:resolved:2026-11-22T08:50:00Z");
    assertThat(e.getProvider()).isEqualTo(IncidentProvider.GENERIC);
    assertThat(e.getIncidentId()).isEqualTo("INC-42");
    assertThat(e.getService()).isEqualTo("checkout");
    assertThat(e.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(e.getPriority()).isEqualTo("P1");
    assertThat(e.getUrgency()).isEqualTo("high");
    assertThat(e.getUrl()).isEqualTo("https://status.example.com/incidents/42");
    assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:50:00Z"));
    assertThat(e.getTriggeredAt()).isEqualTo(Instant.parse("2026-11-22T08:40:00Z"));
    assertThat(e.getResolvedAt()).isEqualTo(Instant.parse("2026-11-22T08:50:00Z"));
    assertThat(e.getAcknowledgedAt()).isNull();
    assertThat(e.getAcceptedAt()).isEqualTo(NOW);
    assertThat(e.getChangeReferences())
        .extracting(
            ChangeReference::getRepository,
            ChangeReference::getNumber,
            ChangeReference::getCommitSha)
        .containsExactly(
            tuple("acme/shop", 1347L, null),
            tuple("acme/platform/shop", null, "da1560886d4f"),
            tuple(null, null, "e5bd3914e2e596debea16f433f57875b5b90bcd6"));
  }

  @Test
  void shouldAcceptAnArrayWithTheLeastFields() {
    List<IncidentEvent> events =
        parse(
            """
        [{"id": "a", "service": "search", "status": "triggered", "occurredAt": "2026-11-22T08:00:00Z"},
         {"id": "a", "service": "search", "status": "ACKNOWLEDGED", "occurredAt": "2026-11-22T08:05:00Z"}]""");

    assertThat(events)
        .extracting(IncidentEvent::getStatus)
        .containsExactly(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED);
    assertThat(events.get(0).getTriggeredAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
    assertThat(events.get(1).getAcknowledgedAt()).isEqualTo(Instant.parse("2026-11-22T08:05:00Z"));
    assertThat(events.get(1).getChangeReferences()).isEmpty();
  }

  @Test
  void shouldReportEveryProblemOfEveryIncidentAsIndexAndField() {
    List<String> problems =
        problems(
            """
        [{"id": "ok", "service": "s", "status": "resolved", "occurredAt": "2026-11-22T08:00:00Z"},
         {"service": "", "status": "closed", "priority": "urgent", "urgency": "medium", "occurredAt": "yesterday",
          "url": "ftp://x", "links": ["acme/shop#12", 7], "severity": "sev1"},
         "not an object",
         {"id": "b", "service": "s", "status": "triggered", "occurredAt": "2026-11-22T08:00:00Z", "links": "abc1234"}]""");

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "[1].severity: unknown field",
            "[1].id: required",
            "[1].service: must not be empty",
            "[1].status: 'closed' is not one of triggered, acknowledged, resolved",
            "[1].priority: 'URGENT' is not one of P1, P2, P3, P4, P5",
            "[1].urgency: 'medium' is not high or low",
            "[1].occurredAt: 'yesterday' is not an ISO-8601 instant such as 2026-11-22T08:00:00Z",
            "[1].url: 'ftp://x' is not an http(s) URL",
            "[1].links[0]: 'acme/shop#12' is not a pull/merge request URL, a commit URL or a commit SHA (7 to 40 hex digits)",
            "[1].links[1]: must be a string, not number",
            "[2]: must be a JSON object",
            "[3].links: must be an array of strings, not string");
  }

  @Test
  void shouldRefuseBodiesThatAreNoIncidents() {
    assertThatThrownBy(() -> parse("[]"))
        .isInstanceOf(HttpError.class)
        .hasMessage("no incident events in the body");
    assertThatThrownBy(() -> parse("\"x\""))
        .isInstanceOf(HttpError.class)
        .hasMessage(
            "body must be a JSON array of incident events or one incident event object, not string");
    assertThatThrownBy(() -> parse("{\"id\": 1,"))
        .isInstanceOf(HttpError.class)
        .hasMessageStartingWith("body is not valid JSON");
    assertThatThrownBy(() -> parse("{\"id\": \"a\", \"id\": \"b\"}"))
        .isInstanceOf(HttpError.class)
        .hasMessageContaining("Duplicate field 'id'");
  }
}
