package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.registry.RegistryConfig;
import io.tokenlens.registry.SchemaRegistryServer;
import io.tokenlens.testkit.StackScope;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The project's schema registry, in-process, on its own schemas topic of the stack's Kafka (so its
 * ids start at 1), with admin credentials: what the stack's shared registry cannot offer a test (a
 * permanent delete, an empty registry).
 */
final class EmbeddedRegistry implements AutoCloseable {

  private static final String ADMIN = "ops:embedded-registry-admin";

  private final StackScope stack;
  private final SchemaRegistryServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private EmbeddedRegistry(StackScope stack, SchemaRegistryServer server) {
    this.stack = stack;
    this.server = server;
  }

  /** Starts a registry on the topic {@code <class prefix>schemas-<name>}. */
  static EmbeddedRegistry start(StackScope stack, String name) {
    return new EmbeddedRegistry(
        stack,
        SchemaRegistryServer.start(
            RegistryConfig.parse(
                new String[] {
                  "--port",
                  "0",
                  "--bootstrap-servers",
                  stack.bootstrapServers(),
                  "--topic",
                  stack.topicPrefix() + "schemas-" + name,
                  "--admin-basic-auth",
                  ADMIN
                },
                Map.of())));
  }

  String url() {
    return server.url().toString();
  }

  /** The HTTP status of {@code GET path}. */
  int status(String path) throws Exception {
    return send(HttpRequest.newBuilder(server.url().resolve(path)).GET()).statusCode();
  }

  /** The body of {@code GET path}. */
  String body(String path) throws Exception {
    return send(HttpRequest.newBuilder(server.url().resolve(path)).GET()).body();
  }

  /** Deletes {@code subject} softly, then for good, as an operator with the admin credentials. */
  void deletePermanently(String subject) throws Exception {
    String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8);
    for (String target : List.of(path, path + "?permanent=true")) {
      HttpResponse<String> answer =
          send(
              HttpRequest.newBuilder(server.url().resolve(target))
                  .DELETE()
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8))));
      assertThat(answer.statusCode()).as("DELETE %s: %s", target, answer.body()).isEqualTo(200);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Stops the registry and removes its writer-election group; its topic goes with the class's
   * topics.
   */
  @Override
  public void close() {
    server.close();
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      admin
          .deleteConsumerGroups(List.of(server.config().writerGroupId()))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // best effort: a leftover group does not affect other tests
    }
  }
}
