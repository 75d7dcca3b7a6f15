package io.tokenlens.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy in front of a schema registry that answers 503 while it is down, as a registry that is
 * restarting or overloaded would, and forwards every request once it is up, counting the 404
 * answers it relays.
 */
final class FlakyRegistry implements AutoCloseable {

  private final URI target;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean down = new AtomicBoolean(true);
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger notFound = new AtomicInteger();

  FlakyRegistry(String targetUrl) throws IOException {
    this.target = URI.create(targetUrl.endsWith("/") ? targetUrl : targetUrl + "/");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests answered with 503 so far. */
  int refused() {
    return refused.get();
  }

  /** 404 answers of the registry relayed so far. */
  int notFound() {
    return notFound.get();
  }

  void up() {
    down.set(false);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (down.get()) {
        refused.incrementAndGet();
        send(
            exchange,
            503,
            "application/vnd.schemaregistry.v1+json",
            "{\"error_code\":50300,\"message\":\"registry restarting\"}"
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = exchange.getRequestURI().getRawPath().substring(1);
      String query = exchange.getRequestURI().getRawQuery();
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header : new String[] {"Content-Type", "Accept"}) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          forward.header(header, value);
        }
      }
      HttpResponse<byte[]> answer =
          http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() == 404) {
        notFound.incrementAndGet();
      }
      send(
          exchange,
          answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse("application/json"),
          answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
