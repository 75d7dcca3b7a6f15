package io.tokenlens.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 answering like Confluent Schema Registry: either canned answers
 * chosen per test, or a small stateful registry ({@link #stateful()}). Records every request.
 */
public final class FakeRegistry implements AutoCloseable {

  /** A request as received. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  /** An answer to send. */
  public record Answer(int status, String body) {
    public static Answer json(int status, String body) {
      return new Answer(status, body);
    }

    public static Answer error(int status, int errorCode, String message) {
      return new Answer(
          status, "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Answer> responder =
      r -> Answer.error(500, 50001, "no answer configured");

  public FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeRegistry respond(Function<Request, Answer> responder) {
    this.responder = responder;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Answers like a registry that stores schemas: register, lookup, by id, latest. */
  public FakeRegistry stateful() {
    Map<String, List<Integer>> subjects = new HashMap<>();
    Map<Integer, String> schemas = new HashMap<>();
    return respond(
        request -> {
          synchronized (subjects) {
            try {
              String path = URLDecoder.decode(request.path(), StandardCharsets.UTF_8);
              if (request.method().equals("GET") && path.startsWith("/schemas/ids/")) {
                int id = Integer.parseInt(path.substring("/schemas/ids/".length()));
                String schema = schemas.get(id);
                return schema == null
                    ? Answer.error(404, 40403, "Schema " + id + " not found")
                    : Answer.json(200, JSON.createObjectNode().put("schema", schema).toString());
              }
              if (!path.startsWith("/subjects/")) {
                return Answer.error(404, 404, "HTTP 404 Not Found");
              }
              String rest = path.substring("/subjects/".length());
              if (request.method().equals("POST") && rest.endsWith("/versions")) {
                String subject = rest.substring(0, rest.length() - "/versions".length());
                String schema = JSON.readTree(request.body()).get("schema").asText();
                int id =
                    schemas.entrySet().stream()
                        .filter(e -> e.getValue().equals(schema))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElseGet(
                            () -> {
                              int next = schemas.size() + 1;
                              schemas.put(next, schema);
                              return next;
                            });
                List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
                if (!versions.contains(id)) {
                  versions.add(id);
                }
                return Answer.json(200, "{\"id\":" + id + "}");
              }
              if (request.method().equals("POST")) {
                String schema = JSON.readTree(request.body()).get("schema").asText();
                List<Integer> versions = subjects.get(rest);
                if (versions == null) {
                  return Answer.error(404, 40401, "Subject '" + rest + "' not found.");
                }
                for (int i = 0; i < versions.size(); i++) {
                  if (schemas.get(versions.get(i)).equals(schema)) {
                    return Answer.json(200, entry(rest, versions.get(i), i + 1, schema).toString());
                  }
                }
                return Answer.error(404, 40403, "Schema not found");
              }
              if (request.method().equals("GET") && rest.endsWith("/versions/latest")) {
                String subject = rest.substring(0, rest.length() - "/versions/latest".length());
                List<Integer> versions = subjects.get(subject);
                if (versions == null || versions.isEmpty()) {
                  return Answer.error(404, 40401, "Subject '" + subject + "' not found.");
                }
                int id = versions.get(versions.size() - 1);
                return Answer.json(
                    200, entry(subject, id, versions.size(), schemas.get(id)).toString());
              }
              return Answer.error(404, 404, "HTTP 404 Not Found");
            } catch (IOException e) {
              return Answer.error(422, 42201, "Invalid schema");
            }
          }
        });
  }

  private static JsonNode entry(String subject, int id, int version, String schema) {
    ObjectNode node = JSON.createObjectNode();
    node.put("subject", subject).put("id", id).put("version", version).put("schema", schema);
    return node;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            body);
    requests.add(request);
    Answer answer = responder.apply(request);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
