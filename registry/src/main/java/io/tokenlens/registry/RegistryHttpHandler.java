package io.tokenlens.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP request, in this order: basic authentication (401), content negotiation (406), routing
 * (404/405), the admin credentials some writes need ({@link AccessRules}, 403), the body size limit
 * (413) and its content type (415); then the endpoint — or, for a write this instance may not make,
 * forwarding to the writer. Failures are answered as {@code {"error_code": N, "message": "..."}}.
 */
public final class RegistryHttpHandler implements HttpHandler {
  /** How much of an oversized request body is read and dropped before the 413 is sent. */
  static final long DISCARD_LIMIT_BYTES = 64L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final List<String> HEADERS =
      List.of("accept", "content-type", "authorization", WriteForwarder.FORWARDED_HEADER);

  private final Router router;
  private final WriterRole role;
  private final SchemaLog schemaLog;
  private final WriteForwarder forwarder;
  private final AccessRules access;
  private final int maxRequestBytes;
  private final Duration writerWait;
  private final String topic;

  public RegistryHttpHandler(
      RegistryConfig config,
      Router router,
      WriterRole role,
      SchemaLog schemaLog,
      String instanceId) {
    this.router = router;
    this.role = role;
    this.schemaLog = schemaLog;
    this.forwarder = new WriteForwarder(config.writeTimeout().plusSeconds(5), instanceId);
    this.access = new AccessRules(config);
    this.maxRequestBytes = config.maxRequestBytes();
    this.writerWait = config.writeTimeout();
    this.topic = config.topic();
  }

  /** An answer ready to send. */
  private record Answer(int status, String contentType, byte[] body, boolean challenge) {
    static Answer of(RegistryResponse response, String contentType) {
      return new Answer(response.status(), contentType, response.body(), false);
    }

    static Answer error(RegistryException e, String contentType) {
      return of(RegistryResponse.error(e.errorCode(), e.getMessage()), contentType);
    }
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      Answer answer = answer(exchange);
      if (answer.challenge()) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
      }
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.sendResponseHeaders(
          answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (IOException e) {
      log.debug(
          "Could not answer {} {}: {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e.toString());
    } finally {
      exchange.close();
    }
  }

  private Answer answer(HttpExchange exchange) {
    Map<String, String> headers = new HashMap<>();
    for (String name : HEADERS) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    String contentType = MediaTypes.negotiate(headers.get("accept")).orElse(null);
    String errorType = contentType == null ? MediaTypes.V1 : contentType;
    if (!access.authenticated(headers.get("authorization"))) {
      return new Answer(
          401,
          errorType,
          RegistryResponse.error(ErrorCode.UNAUTHORIZED, "Unauthorized").body(),
          true);
    }
    if (contentType == null) {
      return Answer.of(
          RegistryResponse.error(
              ErrorCode.NOT_ACCEPTABLE,
              "HTTP 406 Not Acceptable:"
                  + " this registry produces "
                  + MediaTypes.V1
                  + ", "
                  + MediaTypes.GENERIC
                  + " and "
                  + MediaTypes.JSON),
          errorType);
    }
    String method = exchange.getRequestMethod();
    URI uri = exchange.getRequestURI();
    Router.Match match = router.match(method, uri.getRawPath());
    if (!match.found()) {
      String message =
          match.error() == ErrorCode.METHOD_NOT_ALLOWED
              ? "HTTP 405 Method Not Allowed"
              : "HTTP 404 Not Found";
      return Answer.of(RegistryResponse.error(match.error(), message), contentType);
    }
    Map<String, String> query = query(uri.getRawQuery());
    try {
      access.authorize(
          method,
          "true".equalsIgnoreCase(query.get("permanent")),
          match.route().template(),
          match.pathParams(),
          headers.get("authorization"));
      byte[] body = readBody(exchange);
      if (body.length > 0 && !MediaTypes.readable(headers.get("content-type"))) {
        return Answer.of(
            RegistryResponse.error(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "HTTP 415 Unsupported Media Type: send "
                    + MediaTypes.V1
                    + " or "
                    + MediaTypes.JSON
                    + ", not "
                    + headers.get("content-type")),
            contentType);
      }
      RegistryRequest request =
          new RegistryRequest(
              method,
              uri.getRawPath(),
              uri.getRawQuery(),
              match.pathParams(),
              query,
              headers,
              body);
      return dispatch(match.route(), request, contentType, 1);
    } catch (RegistryException e) {
      if (e.errorCode().httpStatus() >= 500) {
        log.warn("{} {} failed: {}", method, uri, e.getMessage());
      } else if (e.errorCode() == ErrorCode.FORBIDDEN) {
        log.warn("{} {} refused: {}", method, uri, e.getMessage());
      }
      return Answer.error(e, contentType);
    } catch (RuntimeException e) {
      log.error("{} {} failed", method, uri, e);
      return Answer.of(
          RegistryResponse.error(ErrorCode.INTERNAL_ERROR, "Internal Server Error: " + e),
          contentType);
    }
  }

  /**
   * Runs the endpoint here, or forwards a write to the writer when this instance is not it. A write
   * that finds this instance fenced mid-way is dispatched once more: by then the role is either
   * back here or with another instance.
   */
  private Answer dispatch(
      Router.Route route, RegistryRequest request, String contentType, int retries) {
    if (route.write() && !role.isWriter()) {
      if (request.header(WriteForwarder.FORWARDED_HEADER) != null) {
        throw RegistryException.forwardingError(
            "this instance received a forwarded write but"
                + " does not hold the writer role for "
                + topic
                + " (the role is moving); retry",
            null);
      }
      Optional<URI> writer = role.awaitOtherWriter(writerWait);
      if (writer.isPresent()) {
        return forward(writer.get(), request);
      }
      if (!role.isWriter()) {
        throw RegistryException.forwardingError(
            "no instance holds the writer role for "
                + topic
                + " (an election is in progress or the writer is down); retry",
            null);
      }
    }
    try {
      return Answer.of(route.endpoint().handle(request), contentType);
    } catch (NotWriterException e) {
      if (retries > 0) {
        return dispatch(route, request, contentType, retries - 1);
      }
      throw RegistryException.forwardingError(e.getMessage(), e);
    }
  }

  private Answer forward(URI writer, RegistryRequest request) {
    log.debug("Forwarding {} {} to the writer at {}", request.method(), request.rawPath(), writer);
    WriteForwarder.Forwarded forwarded = forwarder.forward(writer, request);
    if (forwarded.status() < 300) {
      schemaLog.awaitLatest();
    }
    return new Answer(forwarded.status(), forwarded.contentType(), forwarded.body(), false);
  }

  private byte[] readBody(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxRequestBytes) {
          discardRest(exchange.getRequestBody());
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new RegistryException(ErrorCode.BAD_REQUEST, "Invalid Content-Length " + declared);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        body.write(buffer, 0, read);
        if (body.size() > maxRequestBytes) {
          discardRest(in);
          throw tooLarge();
        }
      }
      return body.toByteArray();
    } catch (IOException e) {
      throw new RegistryException(ErrorCode.BAD_REQUEST, "Could not read the request body: " + e);
    }
  }

  /**
   * Reads and drops what the client is still sending (up to {@link #DISCARD_LIMIT_BYTES}) before a
   * 413 is answered: closing the connection while the client is still writing would reset it, and
   * the client would never read the answer.
   */
  private static void discardRest(InputStream in) {
    byte[] buffer = new byte[8192];
    long discarded = 0;
    try {
      int read;
      while (discarded < DISCARD_LIMIT_BYTES && (read = in.read(buffer)) >= 0) {
        discarded += read;
      }
    } catch (IOException e) {
      // the client gave up: nothing left to answer
    }
  }

  private RegistryException tooLarge() {
    return new RegistryException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body is larger than "
            + maxRequestBytes
            + " bytes, the limit of this registry (--max-request-bytes)");
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }
}
