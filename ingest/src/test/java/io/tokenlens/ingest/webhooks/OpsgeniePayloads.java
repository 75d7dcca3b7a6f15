package io.tokenlens.ingest.webhooks;

/**
 * Opsgenie outgoing webhook payloads for tests, shaped as Opsgenie's alert action data
 * documentation shows them: {@code createdAt} in epoch milliseconds, {@code updatedAt} in epoch
 * nanoseconds; description and details only with {@code Create}.
 */
public final class OpsgeniePayloads {
  public static final String ALERT_ID = "052652ac-5d1c-464a-812a-7dd18bbfba8c";

  /** 2026-11-22T08:40:00Z in epoch milliseconds. */
  public static final long CREATED_AT_MS = 1_795_336_800_000L;

  private OpsgeniePayloads() {}

  /**
   * A {@code Create} call with tags, description, details and priority, updated 2 ms after its
   * creation.
   */
  public static String create(String tags, String details) {
    return """
        {
          "source": {"name": "web", "type": "API"},
          "alert": {
            "updatedAt": %d000123,
            "tags": [%s],
            "teams": ["team1"],
            "recipients": ["recipient1"],
            "message": "5xx on checkout after https://gitlab.example.com/acme/shop/-/merge_requests/12",
            "description": "Started with https://github.com/acme/shop/commit/e5bd3914e2e596debea16f433f57875b5b90bcd6",
            "username": "fili@example.com",
            "alertId": "%s",
            "source": "fili@example.com",
            "alias": "checkout-5xx",
            "tinyId": "23",
            "createdAt": %d,
            "userId": "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
            "entity": "checkout-api",
            "priority": "P2",
            "details": {%s}
          },
          "action": "Create",
          "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
          "integrationName": "tokenlens"
        }
        """
        .formatted(CREATED_AT_MS + 2, tags, ALERT_ID, CREATED_AT_MS, details);
  }

  /**
   * A later action ({@code Acknowledge}, {@code Close}, {@code AddNote}, ...) {@code minutes} after
   * creation.
   */
  public static String action(String action, int minutes, String tags) {
    return """
        {
          "source": {"name": "", "type": "web"},
          "alert": {
            "updatedAt": %d000000,
            "tags": [%s],
            "message": "5xx on checkout",
            "username": "fili@example.com",
            "alertId": "%s",
            "source": "fili@example.com",
            "alias": "checkout-5xx",
            "tinyId": "23",
            "createdAt": %d,
            "userId": "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
            "entity": "checkout-api"
          },
          "action": "%s",
          "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
          "integrationName": "tokenlens"
        }
        """
        .formatted(CREATED_AT_MS + minutes * 60_000L, tags, ALERT_ID, CREATED_AT_MS, action);
  }
}
