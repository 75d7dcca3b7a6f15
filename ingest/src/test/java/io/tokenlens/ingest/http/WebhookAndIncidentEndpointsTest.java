package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.webhooks.GitLabPayloads;
import io.tokenlens.ingest.webhooks.OpsgeniePayloads;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP contract of the GitLab and Opsgenie webhooks and of {@code /v1/incidents}, with a
 * recording publisher.
 */
class WebhookAndIncidentEndpointsTest {
  private static final String KEY = "test-key-0123456789abcdef";
  private static final String GITLAB_SECRET = "gitlab-secret-0123456789";
  private static final String OPSGENIE_TOKEN = "opsgenie-token-0123456789";
  private static final String SERVICE_TAG = "\"service:checkout\"";
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
    values.put("ingest.api.keys", "tests=" + KEY);
    values.put("ingest.publish.timeout.ms", "300");
    values.put("ingest.gitlab.webhook.secret", GITLAB_SECRET);
    values.put("ingest.opsgenie.webhook.token", OPSGENIE_TOKEN);
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

  private HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> gitLab(String event, String token, String body) throws Exception {
    Map<String, String> headers = new HashMap<>();
    if (event != null) {
      headers.put("X-Gitlab-Event", event);
    }
    if (token != null) {
      headers.put("X-Gitlab-Token", token);
    }
    headers.put("X-Gitlab-Event-UUID", "13792a34-cac6-4fda-95a8-c58e00a3954e");
    return post("/webhooks/gitlab", body, headers);
  }

  private HttpResponse<String> opsgenie(String authorization, String body) throws Exception {
    return post(
        "/webhooks/opsgenie",
        body,
        authorization == null ? Map.of() : Map.of("Authorization", authorization));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private void awaitPublished(int n) {
    Waits.until(
        n + " records published", Waits.SHORT, () -> publisher.published.size(), size -> size == n);
  }

  @Test
  void shouldSpoolAGitLabMergeRequestHookCarryingTheSecretToken() throws Exception {
    HttpResponse<String> r =
        gitLab(
            "Merge Request Hook",
            GITLAB_SECRET,
            GitLabPayloads.mergeRequest("merge", "merged", "2026-11-22 08:59:30 UTC", ""));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(json(r).get("spooled").asInt()).isEqualTo(1);
    awaitPublished(1);
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.PR_EVENTS);
    PullRequestEvent e = (PullRequestEvent) publisher.published.get(0).value();
    assertThat(e.getEventId()).isEqualTo("gitlab:13792a34-cac6-4fda-95a8-c58e00a3954e");
  }

  @Test
  void shouldRefuseGitLabHooksWithoutTheRightTokenWithoutNeedingAnApiKey() throws Exception {
    String body = GitLabPayloads.mergeRequest("open", "opened", "2026-11-22T08:59:30Z", "");

    HttpResponse<String> missing = gitLab("Merge Request Hook", null, body);
    HttpResponse<String> wrong = gitLab("Merge Request Hook", GITLAB_SECRET + "x", body);

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing).get("error").asText()).isEqualTo("bad_token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAnswer400ForAGitLabHookWithoutItsEventHeaderOrWithABrokenBody() throws Exception {
    HttpResponse<String> noEvent = gitLab(null, GITLAB_SECRET, GitLabPayloads.push());
    HttpResponse<String> broken = gitLab("Merge Request Hook", GITLAB_SECRET, "{\"object_kind\": ");

    assertThat(noEvent.statusCode()).isEqualTo(400);
    assertThat(json(noEvent).get("message").asText()).contains("X-Gitlab-Event");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json(broken).get("message").asText()).startsWith("body is not valid JSON");
  }

  @Test
  void shouldAcknowledgeAndCountOtherGitLabHooksAsIgnored() throws Exception {
    HttpResponse<String> pipeline =
        gitLab(
            "Pipeline Hook",
            GITLAB_SECRET,
            "{\"object_kind\": \"pipeline\", \"object_attributes\": {\"id\": 31}}");

    assertThat(pipeline.statusCode()).isEqualTo(200);
    assertThat(json(pipeline).get("ignored").asBoolean()).isTrue();
    assertThat(server.metrics().render())
        .contains("tokenlens_ingest_ignored_total{endpoint=\"webhook-gitlab\"} 1");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldDeadLetterAnAuthenticButUnmappableApprovalToTheReviewsDeadLetterTopic()
      throws Exception {
    String noUser =
        GitLabPayloads.mergeRequest("approved", "opened", "2026-11-22T08:59:30Z", "")
            .replace("\"username\": \"ada\"", "\"username\": null");

    HttpResponse<String> r = gitLab("Merge Request Hook", GITLAB_SECRET, noUser);

    assertThat(r.statusCode()).isEqualTo(202);
    awaitPublished(1);
    assertThat(publisher.published.get(0).topic())
        .isEqualTo(Topics.deadLetterTopic(Topics.PR_REVIEWS).orElseThrow());
    DeadLetter letter = (DeadLetter) publisher.published.get(0).value();
    assertThat(letter.getErrorMessage()).isEqualTo("user.username: missing");
    assertThat(letter.getHeaders())
        .containsEntry("x-gitlab-event", "Merge Request Hook")
        .doesNotContainKey("x-gitlab-token");
  }

  @Test
  void shouldSpoolOpsgenieAlertsCarryingTheBearerToken() throws Exception {
    HttpResponse<String> r =
        opsgenie("Bearer " + OPSGENIE_TOKEN, OpsgeniePayloads.create(SERVICE_TAG, ""));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    awaitPublished(1);
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.INCIDENT_EVENTS);
    assertThat(((IncidentEvent) publisher.published.get(0).value()).getService())
        .isEqualTo("checkout");
  }

  @Test
  void shouldRefuseOpsgenieCallsWithoutTheTokenAndIgnoreUnusedActions() throws Exception {
    String close = OpsgeniePayloads.action("Close", 30, SERVICE_TAG);

    HttpResponse<String> missing = opsgenie(null, close);
    HttpResponse<String> apiKey = opsgenie("Bearer " + KEY, close);
    HttpResponse<String> note =
        opsgenie("Bearer " + OPSGENIE_TOKEN, OpsgeniePayloads.action("AddNote", 3, SERVICE_TAG));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing).get("error").asText()).isEqualTo("bad_token");
    assertThat(apiKey.statusCode()).isEqualTo(401);
    assertThat(note.statusCode()).isEqualTo(200);
    assertThat(json(note).get("ignored").asBoolean()).isTrue();
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldPublishGenericIncidentsOnlyWithAnApiKeyAndOnceKafkaAcknowledged() throws Exception {
    String body =
        "[{\"id\": \"INC-1\", \"service\": \"checkout\", \"status\": \"triggered\", "
            + "\"occurredAt\": \"2026-11-22T08:40:00Z\", \"links\": [\"https://github.com/acme/shop/pull/1347\"]}]";

    HttpResponse<String> anonymous = post("/v1/incidents", body, Map.of());
    HttpResponse<String> accepted =
        post("/v1/incidents", body, Map.of("Authorization", "Bearer " + KEY));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(json(accepted).get("accepted").asInt()).isEqualTo(1);
    assertThat(publisher.published).hasSize(1);
    assertThat(((IncidentEvent) publisher.published.get(0).value()).getChangeReferences())
        .hasSize(1);
  }

  @Test
  void shouldAnswerInvalidGenericIncidentsWith400AndBackPressureWith503() throws Exception {
    Map<String, String> auth = Map.of("Authorization", "Bearer " + KEY);

    HttpResponse<String> invalid =
        post("/v1/incidents", "{\"id\": \"INC-1\", \"status\": \"open\"}", auth);
    publisher.down = true;
    HttpResponse<String> unavailable =
        post(
            "/v1/incidents",
            "{\"id\": \"INC-1\", \"service\": \"s\", \"status\": \"resolved\", \"occurredAt\": 1795336800000}",
            auth);

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).get("details"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "[0].service: required",
            "[0].status: 'open' is not one of triggered, acknowledged, resolved",
            "[0].occurredAt: required (ISO-8601 UTC like 2026-11-22T08:00:00Z, or epoch milliseconds)");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
    assertThat(publisher.published).isEmpty();
  }
}
