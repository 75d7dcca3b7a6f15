package io.tokenlens.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer: status, content type, body and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static Reply json(int status, Object value) {
    try {
      return new Reply(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON reply", e);
    }
  }

  public static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static Reply error(HttpError error) {
    ObjectNode node = JSON.createObjectNode();
    node.put("error", error.code());
    node.put("message", error.getMessage());
    if (!error.details().isEmpty()) {
      error.details().forEach(node.putArray("details")::add);
    }
    return json(error.status(), node);
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, body, h);
  }
}
