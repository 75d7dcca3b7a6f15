package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Field access for webhook payloads. A missing required field is a {@link WebhookMappingException}
 * naming its path: the payload is authentic, so it goes to the dead-letter topic with that reason.
 */
final class Payloads {
  private Payloads() {}

  /** A scalar as text; null when absent, null, a container or blank. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  static String requiredText(JsonNode node, String field, String path) {
    String s = text(node, field);
    if (s == null) {
      throw new WebhookMappingException(path + ": missing");
    }
    return s;
  }

  static JsonNode requiredObject(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw new WebhookMappingException(path + ": missing");
    }
    return v;
  }

  static long requiredLong(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new WebhookMappingException(path + ": missing or not a number");
    }
    return v.asLong();
  }

  /** An integer field; null when absent or not an integer. */
  static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isIntegralNumber() ? null : v.asInt();
  }

  /** An ISO-8601 instant ({@code 2026-11-22T08:59:30Z}); null when absent. */
  static Instant isoTime(JsonNode node, String field) {
    String s = text(node, field);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new WebhookMappingException(field + ": '" + s + "' is not an ISO-8601 time");
    }
  }
}
