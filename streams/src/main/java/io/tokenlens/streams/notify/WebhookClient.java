package io.tokenlens.streams.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts alert bodies to the outgoing webhook and classifies the answer. */
public final class WebhookClient {

  /** Header carrying the key a receiver de-duplicates deliveries by. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  public static final String ALERT_ID = "X-Tokenlens-Alert-Id";

  /** What became of one delivery attempt. */
  public enum Outcome {
    /** 2xx: delivered. */
    DELIVERED,
    /** 408, 425, 429, 5xx, or no answer: try again later. */
    RETRY,
    /** Any other status: the receiver refuses this body; retrying would not help. */
    REJECTED
  }

  /** The outcome and what to log about it. */
  public record Result(Outcome outcome, String detail) {}

  private final URI url;
  private final Duration timeout;
  private final HttpClient client;

  public WebhookClient(URI url, Duration timeout) {
    this.url = url;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Result post(String body, String idempotencyKey, String alertId)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header(IDEMPOTENCY_KEY, idempotencyKey)
            .header(ALERT_ID, alertId)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Result(classify(status), "HTTP " + status);
    } catch (IOException e) {
      return new Result(Outcome.RETRY, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  static Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.DELIVERED;
    }
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      return Outcome.RETRY;
    }
    return Outcome.REJECTED;
  }

  /** Where alerts go, without path or query (webhook URLs carry secrets). */
  public String target() {
    return url.getScheme() + "://" + url.getAuthority();
  }
}
