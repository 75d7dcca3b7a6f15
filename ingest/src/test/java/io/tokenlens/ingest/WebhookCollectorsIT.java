package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.webhooks.GitLabPayloads;
import io.tokenlens.ingest.webhooks.OpsgeniePayloads;
import io.tokenlens.schemas.avro.CodePush;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.avro.IncidentStatus;
import io.tokenlens.schemas.avro.PrAction;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab and Opsgenie webhooks and {@code /v1/incidents} against the real broker and schema
 * registry: each is posted to a running ingest service as its sender posts it, and the records are
 * read back from their topics.
 */
@StackTest
class WebhookCollectorsIT {
  private static final String KEY = "it-key-0123456789abcdef";
  private static final String GITLAB_SECRET = "gitlab-secret-0123456789";
  private static final String OPSGENIE_TOKEN = "opsgenie-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path spool;

  private static IngestServer server;
  private static StackScope stack;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startIngest(StackScope scope) throws Exception {
    stack = scope;
    stack.createTopics(
        1,
        "pr-events",
        "pr-reviews",
        "code-pushes",
        "incident-events",
        "pr-events-dlq",
        "pr-reviews-dlq",
        "code-pushes-dlq",
        "incident-events-dlq");
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "it=" + KEY);
    values.put("ingest.gitlab.webhook.secret", GITLAB_SECRET);
    values.put("ingest.opsgenie.webhook.token", OPSGENIE_TOKEN);
    values.put("ingest.spool.dir", spool.toString());
    values.put("kafka.bootstrap.servers", stack.bootstrapServers());
    values.put("schema.registry.url", stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    server = IngestServer.start(IngestConfig.fromMap(values));
  }

  @AfterAll
  static void stopIngest() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .headers(headers)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> gitLab(String uuid, String body) throws Exception {
    return gitLab("Merge Request Hook", uuid, body);
  }

  private static HttpResponse<String> gitLab(String event, String uuid, String body)
      throws Exception {
    return post(
        "/webhooks/gitlab",
        body,
        "X-Gitlab-Event",
        event,
        "X-Gitlab-Token",
        GITLAB_SECRET,
        "X-Gitlab-Event-UUID",
        uuid,
        "X-Gitlab-Instance",
        "https://gitlab.example.com");
  }

  private static <V extends SpecificRecord> List<V> read(Topic<V> topic, String key, int expected) {
    return TopicReader.read(
        stack.kafkaConfig(),
        stack.schemaRegistryUrl(),
        topic,
        stack.topic(topic.name()),
        key,
        expected,
        WAIT);
  }

  @Test
  void shouldPublishGitLabMergeRequestsAndApprovals() throws Exception {
    assertThat(
            gitLab(
                    "uuid-open",
                    GitLabPayloads.mergeRequest("open", "opened", "2026-11-22T08:00:00Z", ""))
                .statusCode())
        .isEqualTo(202);
    assertThat(
            gitLab(
                    "uuid-approved",
                    GitLabPayloads.mergeRequest(
                        "approved", "opened", "2026-11-22T08:30:00Z", "", 6, "user1", ""))
                .statusCode())
        .isEqualTo(202);
    assertThat(
            gitLab(
                    "uuid-merge",
                    GitLabPayloads.mergeRequest(
                        "merge",
                        "merged",
                        "2026-11-22 08:59:30 UTC",
                        "\"merge_commit_sha\": \"e5bd3914e2e596debea16f433f57875b5b90bcd6\""))
                .statusCode())
        .isEqualTo(202);

    List<PullRequestEvent> events = read(Topics.PR_EVENTS, "acme/platform/shop", 2);
    assertThat(events)
        .extracting(PullRequestEvent::getEventId)
        .containsExactly("gitlab:uuid-open", "gitlab:uuid-merge");
    assertThat(events)
        .extracting(PullRequestEvent::getAction)
        .containsExactly(PrAction.OPENED, PrAction.MERGED);
    assertThat(events.get(1).getMergedAt()).isEqualTo(Instant.parse("2026-11-22T08:59:30Z"));
    assertThat(events.get(1).getMergeCommitSha())
        .isEqualTo("e5bd3914e2e596debea16f433f57875b5b90bcd6");
    List<PullRequestReview> reviews = read(Topics.PR_REVIEWS, "acme/platform/shop", 1);
    assertThat(reviews)
        .extracting(PullRequestReview::getState)
        .containsExactly(ReviewState.APPROVED);
    assertThat(reviews.get(0).getReviewerLogin()).isEqualTo("user1");
  }

  @Test
  void shouldPublishGitLabPushesAsCodePushes() throws Exception {
    assertThat(gitLab("Push Hook", "uuid-push", GitLabPayloads.push()).statusCode()).isEqualTo(202);

    List<CodePush> pushes = read(Topics.CODE_PUSHES, "mike/diaspora", 1);
    assertThat(pushes.get(0).getEventId()).isEqualTo("gitlab:uuid-push");
    assertThat(pushes.get(0).getCommitCount()).isEqualTo(4);
    assertThat(pushes.get(0).getPusherLogin()).isEqualTo("jsmith");
  }

  @Test
  void shouldPublishOpsgenieAlertsAsIncidentsOfTheTaggedService() throws Exception {
    String bearer = "Bearer " + OPSGENIE_TOKEN;
    String tags = "\"production\", \"service:opsgenie-checkout\"";
    assertThat(
            post("/webhooks/opsgenie", OpsgeniePayloads.create(tags, ""), "Authorization", bearer)
                .statusCode())
        .isEqualTo(202);
    assertThat(
            post(
                    "/webhooks/opsgenie",
                    OpsgeniePayloads.action("Close", 30, tags),
                    "Authorization",
                    bearer)
                .statusCode())
        .isEqualTo(202);

    List<IncidentEvent> incidents = read(Topics.INCIDENT_EVENTS, "opsgenie-checkout", 2);
    assertThat(incidents)
        .extracting(IncidentEvent::getStatus)
        .containsExactly(IncidentStatus.TRIGGERED, IncidentStatus.RESOLVED);
    assertThat(incidents)
        .extracting(IncidentEvent::getProvider)
        .containsOnly(IncidentProvider.OPSGENIE);
    assertThat(incidents.get(1).getResolvedAt()).isEqualTo(Instant.parse("2026-11-22T09:10:00Z"));
    assertThat(incidents.get(0).getChangeReferences()).isNotEmpty();
  }

  @Test
  void shouldPublishGenericIncidents() throws Exception {
    String body =
        """
        [{"id": "INC-7", "service": "generic-payments", "status": "triggered", "priority": "P2",
          "occurredAt": "2026-11-22T08:40:00Z", "links": ["e5bd3914e2e596debea16f433f57875b5b90bcd6"]},
         {"id": "INC-7", "service": "generic-payments", "status": "resolved", "occurredAt": "2026-11-22T09:05:00Z"}]
        """;

    HttpResponse<String> r = post("/v1/incidents", body, "Authorization", "Bearer " + KEY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<IncidentEvent> incidents = read(Topics.INCIDENT_EVENTS, "generic-payments", 2);
    assertThat(incidents)
        .extracting(IncidentEvent::getEventId)
        .containsExactly(
            "generic:INC-7:triggered:2026-11-22T08:40:00Z",
            "generic:INC-7:resolved:2026-11-22T09:05:00Z");
    assertThat(incidents.get(0).getChangeReferences().get(0).getCommitSha())
        .isEqualTo("e5bd3914e2e596debea16f433f57875b5b90bcd6");
  }
}
