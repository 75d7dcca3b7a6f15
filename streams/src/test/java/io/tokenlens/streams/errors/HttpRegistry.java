package io.tokenlens.streams.errors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * The schema registry's REST API as the serdes use it (register a schema, fetch one by id) over
 * real HTTP on a free loopback port, held in memory; {@link #failWith503} makes it answer 503 to
 * everything, as a registry that is restarting or has no writer does; {@link #stop} and {@link
 * #start} take it off its port and back (same port, same schemas). The registry module's server
 * needs a Kafka broker for its schema log; this serves topology tests without one.
 */
final class HttpRegistry implements AutoCloseable {
  private final InMemorySchemaRegistryClient schemas = new InMemorySchemaRegistryClient();
  private final int port;
  private HttpServer server;
  private volatile boolean failing;

  HttpRegistry() throws IOException {
    server = serve(0);
    port = server.getAddress().getPort();
  }

  private HttpServer serve(int onPort) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    http.createContext("/", this::handle);
    http.start();
    return http;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Closes the port: the registry is unreachable (connection refused) until {@link #start}. */
  void stop() {
    server.stop(0);
  }

  /** Serves again on the same port, with the schemas it had. */
  void start() throws IOException {
    server = serve(port);
  }

  void failWith503(boolean failing) {
    this.failing = failing;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getRawPath();
      if (failing) {
        send(exchange, 503, "{\"error_code\":50003,\"message\":\"no writer elected yet\"}");
      } else if (path.startsWith("/schemas/ids/")) {
        int id = Integer.parseInt(path.substring("/schemas/ids/".length()));
        try {
          send(exchange, 200, "{\"schema\":" + quote(schemas.schemaById(id).toString()) + "}");
        } catch (UnknownSchemaIdException e) {
          send(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}");
        }
      } else if (path.startsWith("/subjects/")
          && path.endsWith("/versions")
          && "POST".equals(exchange.getRequestMethod())) {
        String subject =
            URLDecoder.decode(
                path.substring("/subjects/".length(), path.length() - "/versions".length()),
                StandardCharsets.UTF_8);
        String schema =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body)
                .path("schema")
                .asText();
        send(
            exchange,
            200,
            "{\"id\":" + schemas.register(subject, new Schema.Parser().parse(schema)) + "}");
      } else {
        send(exchange, 404, "{\"error_code\":404,\"message\":\"not served here: " + path + "\"}");
      }
    }
  }

  private static String quote(String text) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
