package io.tokenlens.ingest.webhooks;

/** PagerDuty v3 webhook payloads for tests, shaped as PagerDuty documents them. */
public final class PagerDutyPayloads {
  private PagerDutyPayloads() {}

  public static String incident(String eventId, String eventType, String status, String title) {
    return """
        {
          "event": {
            "id": "%s",
            "event_type": "%s",
            "resource_type": "incident",
            "occurred_at": "2026-11-22T08:45:22.169Z",
            "agent": {"html_url": "https://acme.pagerduty.com/users/PLH1HKV", "id": "PLH1HKV",
                      "self": "https://api.pagerduty.com/users/PLH1HKV", "summary": "Tenex Engineer",
                      "type": "user_reference"},
            "client": null,
            "data": {
              "id": "PGR0VU2",
              "type": "incident",
              "self": "https://api.pagerduty.com/incidents/PGR0VU2",
              "html_url": "https://acme.pagerduty.com/incidents/PGR0VU2",
              "number": 2,
              "status": "%s",
              "incident_key": "d3640fbd41094207a1c11e58e46b1662",
              "created_at": "2026-11-22T08:40:00Z",
              "title": "%s",
              "service": {"html_url": "https://acme.pagerduty.com/services/PF9KMXH", "id": "PF9KMXH",
                          "self": "https://api.pagerduty.com/services/PF9KMXH", "summary": "Checkout API",
                          "type": "service_reference"},
              "assignees": [{"html_url": "https://acme.pagerduty.com/users/PTUXL6G", "id": "PTUXL6G",
                             "summary": "User 123", "type": "user_reference"}],
              "escalation_policy": {"id": "PUS0KTE", "summary": "Default", "type": "escalation_policy_reference"},
              "teams": [{"id": "PFCVPS0", "summary": "Engineering", "type": "team_reference"}],
              "priority": {"id": "PSO75BM", "summary": "P1", "type": "priority_reference"},
              "urgency": "high",
              "conference_bridge": {"conference_number": "+1 1234123412,,987654321#", "conference_url": "https://example.com"},
              "resolve_reason": null
            }
          }
        }
        """
        .formatted(eventId, eventType, status, title);
  }
}
