package io.tokenlens.ingest.http;

import io.tokenlens.ingest.config.IngestConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;

/**
 * Jetty's per-client limits in front of the collectors, keyed by the client's address: a request
 * rate ({@link DoSHandler}, a leaky bucket per address; beyond it, 429 with {@code Retry-After} and
 * a JSON error, before the body is read) and a number of requests served at once ({@link
 * ThreadLimitHandler}; the rest wait without holding a thread). One client cannot take every thread
 * or flood Kafka on its own.
 */
public final class ClientLimitHandlers {

  /** Addresses tracked at once; beyond, new addresses are refused until old ones go quiet. */
  static final int MAX_TRACKED_CLIENTS = 10_000;

  private ClientLimitHandlers() {}

  /** {@code handler} behind the rate limit, then the concurrency limit. */
  public static Handler around(
      Handler handler, IngestConfig.ClientLimits limits, Duration retryAfter) {
    ThreadLimitHandler concurrency = new ThreadLimitHandler(handler, null, true);
    concurrency.setThreadLimit(limits.maxConcurrentRequests());
    byte[] body =
        "{\"error\":\"rate_limited\",\"message\":\"too many requests from this client; retry later\"}"
            .getBytes(StandardCharsets.UTF_8);
    Request.Handler refuse =
        (request, response, callback) -> {
          response.setStatus(429);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
          response
              .getHeaders()
              .put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
          response.getHeaders().put(HttpHeader.CONNECTION, "close");
          response.write(true, java.nio.ByteBuffer.wrap(body), callback);
          return true;
        };
    return new DoSHandler(
        concurrency,
        DoSHandler.ID_FROM_REMOTE_ADDRESS,
        new DoSHandler.LeakingBucketTrackerFactory(limits.maxRequestsPerSecond()),
        refuse,
        MAX_TRACKED_CLIENTS);
  }
}
