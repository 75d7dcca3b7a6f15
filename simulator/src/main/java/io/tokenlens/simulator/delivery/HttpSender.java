package io.tokenlens.simulator.delivery;

import io.tokenlens.simulator.wire.HttpDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends deliveries to the ingest service, {@link #IN_FLIGHT} at a time, with the API key on the
 * OTLP and directory endpoints (webhooks carry their signatures instead). A 503 or 429 is retried
 * after its {@code Retry-After} (capped at 5 s) as OTLP exporters and webhook senders do; any other
 * non-2xx answer is counted and its first occurrences logged.
 */
public final class HttpSender {
  static final int IN_FLIGHT = 64;
  private static final Logger LOG = LoggerFactory.getLogger(HttpSender.class);
  private static final int MAX_ATTEMPTS = 20;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;
  private final String apiKey;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  public HttpSender(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  /** Sends and waits for the answer; returns the status. */
  public int sendNow(HttpDelivery d) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r = client.send(request(d), HttpResponse.BodyHandlers.ofString());
      if (!retriable(r) || attempt == MAX_ATTEMPTS) {
        check(d, r);
        return r.statusCode();
      }
      retries.incrementAndGet();
      LockSupport.parkNanos(retryAfter(r).toNanos());
    }
  }

  /**
   * Refused for now (collectors busy, or this client over its rate): worth sending again after
   * Retry-After.
   */
  private static boolean retriable(HttpResponse<?> r) {
    return r.statusCode() == 503 || r.statusCode() == 429;
  }

  /**
   * Sends without waiting (at most {@link #IN_FLIGHT} outstanding); {@link #drain} waits for all.
   */
  public void send(HttpDelivery d) throws InterruptedException {
    inFlight.acquire();
    attempt(d, 1).whenComplete((r, e) -> inFlight.release());
  }

  private CompletableFuture<Void> attempt(HttpDelivery d, int attempt) {
    return client
        .sendAsync(request(d), HttpResponse.BodyHandlers.ofString())
        .thenCompose(
            r -> {
              if (retriable(r) && attempt < MAX_ATTEMPTS) {
                retries.incrementAndGet();
                return CompletableFuture.runAsync(
                        () -> {},
                        CompletableFuture.delayedExecutor(
                            retryAfter(r).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .thenCompose(x -> attempt(d, attempt + 1));
              }
              check(d, r);
              return CompletableFuture.<Void>completedFuture(null);
            })
        .exceptionally(
            e -> {
              if (failures.incrementAndGet() <= 5) {
                LOG.warn("{} {} failed: {}", d.kind(), d.path(), e.toString());
              }
              return null;
            });
  }

  /** Waits until every request sent has been answered. */
  public void drain() throws InterruptedException {
    inFlight.acquire(IN_FLIGHT);
    inFlight.release(IN_FLIGHT);
  }

  public long failures() {
    return failures.get();
  }

  public long retries() {
    return retries.get();
  }

  private void check(HttpDelivery d, HttpResponse<String> r) {
    if (r.statusCode() / 100 != 2 && failures.incrementAndGet() <= 5) {
      LOG.warn("{} {} answered {}: {}", d.kind(), d.path(), r.statusCode(), r.body());
    }
  }

  private HttpRequest request(HttpDelivery d) {
    return d.request(base, apiKey);
  }

  private static Duration retryAfter(HttpResponse<String> r) {
    long seconds = r.headers().firstValueAsLong("Retry-After").orElse(1);
    return Duration.ofSeconds(Math.max(1, Math.min(5, seconds)));
  }
}
