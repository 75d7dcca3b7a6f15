package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.webhooks.GitHubPayloads;
import io.tokenlens.ingest.webhooks.HmacSignatures;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an authentic but unmappable webhook leaves on its dead-letter topic. */
class WebhookDeadLetterTest {
  private static final String GITHUB_SECRET = "github-secret-0123456789";
  private static final String DESCRIPTION =
      "Fixes checkout for the Lovelace account; ping me at ada.lovelace@example.com";
  private static final String EMAIL = "ada.lovelace@example.com";
  private static final int MAX_DEAD_LETTER_PAYLOAD = 6000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final HttpClient http = HttpClient.newHttpClient();
  private IngestServer server;

  @TempDir Path spoolDir;

  @BeforeEach
  void start() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "tests=test-key-0123456789abcdef");
    values.put("ingest.github.webhook.secret", GITHUB_SECRET);
    values.put("ingest.dead.letter.max.payload.bytes", String.valueOf(MAX_DEAD_LETTER_PAYLOAD));
    values.put("ingest.spool.dir", spoolDir.toString());
    values.put("kafka.bootstrap.servers", "127.0.0.1:1");
    values.put("schema.registry.url", "http://127.0.0.1:1");
    server =
        IngestServer.start(
            IngestConfig.fromMap(values), publisher, new IngestMetrics(), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** Posts a signed delivery and returns the dead letter it left. */
  private DeadLetter deadLetterOf(String event, String delivery, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header(
                    "X-Hub-Signature-256",
                    "sha256="
                        + HexFormat.of().formatHex(HmacSignatures.hmacSha256(GITHUB_SECRET, bytes)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(JSON.readTree(r.body()).get("deadLettered").asInt()).isEqualTo(1);
    Waits.until(
        "the dead letter to be published",
        Waits.SHORT,
        () -> publisher.published.size(),
        n -> n == 1);
    return (DeadLetter) publisher.published.get(0).value();
  }

  private static String payloadOf(DeadLetter letter) {
    return StandardCharsets.UTF_8.decode(letter.getPayload().duplicate()).toString();
  }

  /**
   * GitHub's pull request payload with a description and an email, and no head branch: unmappable.
   */
  private static String pullRequestWithoutHeadBranch() {
    String body =
        GitHubPayloads.pullRequest("opened", false, "open")
            .replace("\"ref\": \"feature/cart\"", "\"ref\": null")
            .replace(
                "Stores the cart in the session. Secret details nobody should keep.", DESCRIPTION)
            .replace(
                "\"user\": {\"login\": \"octocat\", \"id\": 1, \"type\": \"User\"}",
                "\"user\": {\"login\": \"octocat\", \"id\": 1, \"type\": \"User\", \"name\": \"Ada Lovelace\", "
                    + "\"email\": \""
                    + EMAIL
                    + "\"}");
    assertThat(body).contains(DESCRIPTION).contains(EMAIL).contains("\"ref\": null");
    return body;
  }

  @Test
  void shouldDeadLetterAGitHubPullRequestWithoutItsDescriptionTitleNamesOrEmails()
      throws Exception {
    DeadLetter letter = deadLetterOf("pull_request", "delivery-7", pullRequestWithoutHeadBranch());

    assertThat(publisher.published.get(0).topic())
        .isEqualTo(Topics.deadLetterTopic(Topics.PR_EVENTS).orElseThrow());
    assertThat(letter.getErrorMessage()).isEqualTo("pull_request.head.ref: missing");
    String payload = payloadOf(letter);
    assertThat(payload)
        .doesNotContain(EMAIL)
        .doesNotContain("Lovelace")
        .doesNotContain("ada.lovelace")
        .doesNotContain("Add cart persistence")
        .doesNotContain("octocat")
        .doesNotContain("ai-assisted");
    JsonNode kept = JSON.readTree(payload);
    assertThat(kept.get("action").asText()).isEqualTo("opened");
    assertThat(kept.get("number").asInt()).isEqualTo(1347);
    assertThat(kept.at("/repository/full_name").asText()).isEqualTo("Octo-Org/Shop");
    assertThat(kept.at("/repository/id").asLong()).isEqualTo(1296269);
    assertThat(kept.at("/pull_request/id").asLong()).isEqualTo(1934526);
    assertThat(kept.at("/pull_request/state").asText()).isEqualTo("open");
    assertThat(kept.at("/pull_request/base/ref").asText()).isEqualTo("main");
    assertThat(kept.at("/pull_request/head/ref").isNull()).isTrue();
    assertThat(kept.at("/pull_request/head/sha").asText())
        .isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e");
    assertThat(kept.at("/pull_request/updated_at").asText()).isEqualTo("2026-11-22T08:59:30Z");
    assertThat(kept.at("/pull_request/body").asText()).startsWith("sha256:");
    assertThat(kept.at("/pull_request/title").asText()).startsWith("sha256:");
    assertThat(kept.at("/pull_request/user/email").asText()).startsWith("sha256:");
    assertThat(kept.at("/pull_request/user/login").asText())
        .isEqualTo(kept.at("/sender/login").asText());
    assertThat(letter.getHeaders())
        .containsEntry("x-github-event", "pull_request")
        .containsEntry("x-github-delivery", "delivery-7")
        .doesNotContainKey("payload-omitted");
    assertThat(letter.getKey()).isEqualTo("delivery-7");
  }

  @Test
  void shouldDeadLetterAGitHubPushWithoutCommitMessagesOrAuthors() throws Exception {
    String push =
        GitHubPayloads.push("9049f1265b7d61be4a8904a9a27120d2064dab3b")
            .replace("\"full_name\": \"octo-org/shop\"", "\"full_name\": null");

    String payload = payloadOf(deadLetterOf("push", "delivery-8", push));

    assertThat(payload)
        .doesNotContain("Persist the cart")
        .doesNotContain("secret idea")
        .doesNotContain("Mona Octocat")
        .doesNotContainIgnoringCase("octocat@example.com");
    JsonNode kept = JSON.readTree(payload);
    assertThat(kept.get("ref").asText()).isEqualTo("refs/heads/feature/cart");
    assertThat(kept.get("after").asText()).isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
    assertThat(kept.at("/commits/0/id").asText())
        .isEqualTo("9049f1265b7d61be4a8904a9a27120d2064dab3b");
    assertThat(kept.at("/commits/0/message").asText()).startsWith("sha256:");
  }

  @Test
  void shouldLeaveOutAPayloadTooLargeForTheDeadLetterTopicEvenAfterRedaction() throws Exception {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      labels
          .append(i == 0 ? "" : ", ")
          .append("{\"id\": ")
          .append(i)
          .append(", \"name\": \"label-")
          .append(i)
          .append("\"}");
    }
    String large =
        pullRequestWithoutHeadBranch()
            .replace(
                "[{\"id\": 208045946, \"name\": \"ai-assisted\", \"color\": \"f29513\"}]",
                "[" + labels + "]");
    assertThat(large.length())
        .isLessThan(MAX_DEAD_LETTER_PAYLOAD); // only the hashes make it too large

    DeadLetter letter = deadLetterOf("pull_request", "delivery-9", large);

    assertThat(letter.getPayload().remaining()).isZero();
    assertThat(letter.getHeaders().get("payload-omitted"))
        .contains("ingest.dead.letter.max.payload.bytes=" + MAX_DEAD_LETTER_PAYLOAD);
    assertThat(letter.getHeaders().get("payload-sha256")).hasSize(64);
    assertThat(letter.getHeaders()).containsEntry("x-github-delivery", "delivery-9");
    assertThat(letter.getErrorMessage()).isEqualTo("pull_request.head.ref: missing");
  }
}
