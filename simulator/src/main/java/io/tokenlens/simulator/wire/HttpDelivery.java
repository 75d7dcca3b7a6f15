package io.tokenlens.simulator.wire;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One HTTP request a real source would send: the path on the ingest service, content type, headers
 * (signatures included), body bytes, the simulated time it is sent at, and what it carries.
 *
 * @param kind what the request carries, for counts (e.g. {@code otlp-logs}, {@code github
 *     pull_request})
 * @param items event counts by kind inside the request (e.g. {@code claude_code.api_request} → 37)
 */
public record HttpDelivery(
    String path,
    String contentType,
    Map<String, String> headers,
    byte[] body,
    Instant sentAt,
    String kind,
    Map<String, Integer> items) {

  public HttpDelivery {
    headers = Map.copyOf(headers);
    items = Map.copyOf(items);
  }

  /** The same request sent at another time (a duplicate delivery, a late batch). */
  public HttpDelivery sentAt(Instant at) {
    return new HttpDelivery(path, contentType, headers, body, at, kind, items);
  }

  /**
   * The request to the ingest service at {@code base}, with the API key on the OTLP and directory
   * endpoints (webhooks carry their signatures instead).
   */
  public HttpRequest request(URI base, String apiKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    if (!path.startsWith("/webhooks/")) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return b.build();
  }
}
