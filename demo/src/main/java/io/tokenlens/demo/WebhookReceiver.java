package io.tokenlens.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tokenlens.streams.notify.WebhookClient;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The demo's stand-in for Slack: an HTTP server on 127.0.0.1 (a free port) that answers every
 * {@code POST} with 200 and appends it to a JSON-lines file, one line per request: {@code
 * receivedAt}, the {@code Idempotency-Key} and {@code X-Tokenlens-Alert-Id} headers, and the body
 * as sent. A repeated idempotency key is answered 200 and recorded with {@code "repeat": true}, as
 * a receiver that deduplicates by it would.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Writer file;
  private final Set<String> keys = new HashSet<>();
  private int received;
  private int repeats;

  WebhookReceiver(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    this.file =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks/demo", this::receive);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/demo");
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String key = exchange.getRequestHeaders().getFirst(WebhookClient.IDEMPOTENCY_KEY);
      ObjectNode line =
          JSON.createObjectNode()
              .put("receivedAt", Instant.now().toString())
              .put("idempotencyKey", key)
              .put("id", exchange.getRequestHeaders().getFirst(WebhookClient.ALERT_ID));
      line.set("body", JSON.readTree(exchange.getRequestBody()));
      synchronized (this) {
        received++;
        if (key != null && !keys.add(key)) {
          repeats++;
          line.put("repeat", true);
        }
        file.write(line.toString());
        file.write('\n');
        file.flush();
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** Requests received. */
  synchronized int received() {
    return received;
  }

  /** Requests with an idempotency key received before. */
  synchronized int repeats() {
    return repeats;
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    synchronized (this) {
      file.close();
    }
  }
}
