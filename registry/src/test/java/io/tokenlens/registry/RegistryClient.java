package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client for the registry's REST API, for tests. */
final class RegistryClient {
  static final String V1 = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    int errorCode() {
      return json().path("error_code").asInt();
    }

    String message() {
      return json().path("message").asText();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String authorization;

  RegistryClient(URI base) {
    this(base, null);
  }

  private RegistryClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  RegistryClient withBasicAuth(String user, String password) {
    return new RegistryClient(
        base,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  URI base() {
    return base;
  }

  static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code {"schema": "..."}} plus extra fields. */
  static String schemaBody(String schema, Map<String, Object> extra) {
    try {
      Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("schema", schema);
      body.putAll(extra);
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String schemaBody(String schema) {
    return schemaBody(schema, Map.of());
  }

  Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  Reply post(String path, String body) {
    return send("POST", path, body, Map.of());
  }

  Reply put(String path, String body) {
    return send("PUT", path, body, Map.of());
  }

  Reply delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  /** Registers {@code schema} under {@code subject}, expecting success; answers the id. */
  int register(String subject, String schema) {
    Reply reply = post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("id").asInt();
  }

  /** Sets the compatibility level of one subject, expecting success. */
  void setLevel(String subject, String level) {
    Reply reply = put("/config/" + encode(subject), "{\"compatibility\":\"" + level + "\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  /**
   * Soft-deletes every subject whose name starts with {@code prefix}: what a test class registered
   * on a shared registry. Best effort; permanent deletes need admin credentials the stack's
   * registry does not have.
   */
  void purgeSubjects(String prefix) {
    for (JsonNode subject : get("/subjects").json()) {
      if (subject.asText().startsWith(prefix)) {
        delete("/subjects/" + encode(subject.asText()));
      }
    }
  }

  Reply send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", V1);
    }
    if (authorization != null && !headers.containsKey("Authorization")) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
