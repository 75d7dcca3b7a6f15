package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.webhooks.GitHubPayloads;
import io.tokenlens.ingest.webhooks.HmacSignatures;
import io.tokenlens.schemas.avro.PrAction;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks accepted while Kafka is unreachable are spooled on disk; an ingest stopped with them in
 * the spool forwards them to Kafka after its restart, in order.
 */
@StackTest
class WebhookSpoolIT {
  private static final String SECRET = "github-secret-0123456789";

  /** An ingest serving GitHub webhooks with {@code spool} as its spool, on the test's topics. */
  static Map<String, String> settings(StackScope stack, Path spool) {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "it=it-key-0123456789abcdef");
    values.put("ingest.github.webhook.secret", SECRET);
    values.put("ingest.spool.dir", spool.toString());
    values.put("ingest.publish.timeout.ms", "1000");
    values.put("schema.registry.url", stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    return values;
  }

  @Test
  void shouldForwardSpooledWebhooksAfterARestart(StackScope stack, @TempDir Path spool)
      throws Exception {
    String topic = stack.createTopics(1, "pr-events", "pr-events-dlq").get(0);
    Map<String, String> values = settings(stack, spool);

    // 1. Kafka unreachable: the webhooks are answered 202 from the spool
    Map<String, String> down = new HashMap<>(values);
    down.put("kafka.bootstrap.servers", "127.0.0.1:" + freePort());
    try (IngestServer server = IngestServer.start(IngestConfig.fromMap(down))) {
      for (int i = 1; i <= 3; i++) {
        HttpResponse<String> r =
            deliver(
                server.port(),
                "delivery-" + i,
                GitHubPayloads.pullRequest(
                    i == 3 ? "closed" : "opened", i == 3, i == 3 ? "closed" : "open"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      }
    }

    // 2. restart against the real broker: the spool is forwarded
    Map<String, String> up = new HashMap<>(values);
    up.put("kafka.bootstrap.servers", stack.bootstrapServers());
    try (IngestServer server = IngestServer.start(IngestConfig.fromMap(up))) {
      List<PullRequestEvent> events = prEvents(stack, topic, 3);
      assertThat(events)
          .extracting(PullRequestEvent::getEventId)
          .containsExactly("github:delivery-1", "github:delivery-2", "github:delivery-3");
      assertThat(events.get(2).getAction()).isEqualTo(PrAction.MERGED);
    }
  }

  /** The first {@code n} events of the test repository in {@code topic}, waiting up to a minute. */
  static List<PullRequestEvent> prEvents(StackScope stack, String topic, int n) {
    return TopicReader.read(
        stack.kafkaConfig(),
        stack.schemaRegistryUrl(),
        Topics.PR_EVENTS,
        topic,
        "octo-org/shop",
        n,
        Duration.ofSeconds(60));
  }

  static HttpResponse<String> deliver(int port, String delivery, String payload) throws Exception {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", delivery)
                .header(
                    "X-Hub-Signature-256",
                    "sha256=" + HexFormat.of().formatHex(HmacSignatures.hmacSha256(SECRET, body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
