package io.tokenlens.ingest.http;

import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.BackPressureException;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.ingest.publish.RecordTooLargeForKafkaException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests: {@code GET /healthz}, {@code /readyz}, {@code /metrics} without authentication;
 * every {@link Endpoint} as {@code POST} with a collector API key, content-type and size checks.
 * Every refusal is a JSON error naming the problem.
 */
public final class IngestHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

  /**
   * The {@code endpoint} label of every request to a path that is neither an endpoint nor built in.
   */
  static final String UNKNOWN_PATH = "unknown";

  private static final Set<String> BUILT_IN_PATHS = Set.of("/healthz", "/readyz", "/metrics");

  private final Map<String, Endpoint> endpoints;
  private final ApiKeys apiKeys;
  private final boolean authRequired;
  private final BodyReader bodies;
  private final IngestMetrics metrics;
  private final Publisher publisher;
  private final CachedReadiness readiness;
  private final Duration retryAfter;

  public IngestHandler(
      Map<String, Endpoint> endpoints,
      ApiKeys apiKeys,
      boolean authRequired,
      long maxBodyBytes,
      IngestMetrics metrics,
      Publisher publisher,
      Duration readyTimeout,
      Duration readyCache,
      Duration retryAfter) {
    this.retryAfter = retryAfter;
    this.endpoints = Map.copyOf(endpoints);
    this.apiKeys = apiKeys;
    this.authRequired = authRequired;
    this.bodies = new BodyReader(maxBodyBytes);
    this.metrics = metrics;
    this.publisher = publisher;
    this.readiness = new CachedReadiness(publisher, readyTimeout, readyCache);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    Reply reply;
    Endpoint endpoint = endpoints.get(path);
    String metricName = metricName(path, endpoint);
    try {
      reply = endpoint != null ? post(endpoint, method, request) : builtIn(path, method);
    } catch (HttpError e) {
      metrics.rejected(metricName, e.code(), 1);
      reply = Reply.error(e);
      if (e.status() == 503) {
        reply = reply.withHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
      }
    } catch (BackPressureException e) {
      metrics.rejected(metricName, "unavailable", 1);
      reply =
          Reply.error(new HttpError(503, "unavailable", e.getMessage()))
              .withHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
    } catch (RecordTooLargeForKafkaException e) {
      metrics.rejected(metricName, "too_large", 1);
      reply = Reply.error(new HttpError(413, "too_large", e.getMessage()));
    } catch (Exception e) {
      LOG.error("{} {} failed", method, path, e);
      metrics.rejected(metricName, "internal", 1);
      reply =
          Reply.error(
              new HttpError(500, "internal", "internal error: " + e.getClass().getSimpleName()));
    }
    metrics.request(metricName, reply.status());
    if (!request.consumeAvailable()) {
      // Refused before its body had all arrived: the rest would be read as the next request, so the
      // connection is closed, and said so, rather than left for the client to reuse.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
    return true;
  }

  private Reply post(Endpoint endpoint, String method, Request request) throws Exception {
    if (!"POST".equals(method)) {
      throw new HttpError(405, "method_not_allowed", endpoint.name() + " accepts POST only");
    }
    String keyId = null;
    if (authRequired && endpoint.requiresApiKey()) {
      Optional<ApiKey> key =
          apiKeys.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
      if (key.isEmpty()) {
        throw new HttpError(
            401,
            "unauthenticated",
            "missing or unknown API key: send 'Authorization: Bearer <key>'");
      }
      if (!key.get().scope().allows(endpoint.scope())) {
        throw new HttpError(
            403,
            "forbidden",
            "API key '"
                + key.get().id()
                + "' may send telemetry only; "
                + endpoint.name()
                + " needs a key from "
                + endpoint.scope().configKey());
      }
      keyId = key.get().id();
    }
    endpoint.authenticateHeaders(name -> request.getHeaders().get(name));
    String mediaType = mediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    if (!endpoint.mediaTypes().contains(mediaType)) {
      throw new HttpError(
          415,
          "unsupported_media_type",
          "Content-Type '"
              + mediaType
              + "' is not accepted here; use "
              + String.join(" or ", new java.util.TreeSet<>(endpoint.mediaTypes())));
    }
    byte[] body =
        endpoint
            .bodyReader()
            .orElse(bodies)
            .read(
                Request.asInputStream(request),
                request.getLength(),
                request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
    return endpoint.handle(
        new IncomingRequest(
            Request.getPathInContext(request),
            mediaType,
            body,
            name -> request.getHeaders().get(name),
            keyId));
  }

  /**
   * The {@code endpoint} label of a request: an endpoint's name, a built-in path, else {@value
   * #UNKNOWN_PATH}. A path comes from unauthenticated clients, so it never becomes a label itself:
   * every new label is a new series kept for the life of the process.
   */
  static String metricName(String path, Endpoint endpoint) {
    if (endpoint != null) {
      return endpoint.name();
    }
    return BUILT_IN_PATHS.contains(path) ? path : UNKNOWN_PATH;
  }

  private Reply builtIn(String path, String method) {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      if (BUILT_IN_PATHS.contains(path)) {
        throw new HttpError(405, "method_not_allowed", path + " accepts GET only");
      }
    }
    switch (path) {
      case "/healthz":
        return Reply.json(200, Map.of("status", "ok"));
      case "/readyz":
        {
          Publisher.ReadinessReport report = readiness.get();
          return report.isReady()
              ? Reply.json(200, Map.of("status", "ready"))
              : Reply.json(503, Map.of("status", "not_ready", "problems", report.problems()));
        }
      case "/metrics":
        return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
      default:
        throw new HttpError(404, "not_found", "no endpoint at " + path);
    }
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
