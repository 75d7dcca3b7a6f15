package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of every endpoint, with a recording publisher in place of Kafka. */
class IngestServerTest {
  private static final String KEY = "test-key-0123456789abcdef";
  private static final String ONE_EVENT =
      """
      [{"eventId": "e-1", "occurredAt": "2026-11-22T08:00:00Z", "provider": "anthropic", "model": "claude-haiku-4-5",
        "sessionId": "s-1", "inputTokens": 10, "outputTokens": 20}]""";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GITHUB_SECRET = "github-secret-0123456789";
  private static final String PAGERDUTY_SECRET = "pagerduty-secret-0123456789";

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final HttpClient http = HttpClient.newHttpClient();
  private IngestServer server;

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path spoolDir;

  @BeforeEach
  void start() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "tests=" + KEY);
    values.put("ingest.max.body.bytes", "4096");
    values.put("ingest.webhook.max.body.bytes", "3000");
    values.put(
        "ingest.webhook.replay.tolerance.seconds", "0"); // the PagerDuty payloads are of 2026-11-22
    values.put("ingest.publish.timeout.ms", "300");
    values.put("ingest.retry.after.seconds", "7");
    values.put("ingest.ready.cache.ms", "0"); // readiness follows the test publisher at once
    values.put("ingest.github.webhook.secret", GITHUB_SECRET);
    values.put("ingest.pagerduty.webhook.secret", PAGERDUTY_SECRET);
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

  private HttpResponse<byte[]> post(
      String path, String contentType, byte[] body, String key, String encoding) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> postJson(String path, String body) throws Exception {
    return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8), KEY, null);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void shouldAcceptTokenEventsOnlyOnceTheyArePublished() throws Exception {
    HttpResponse<byte[]> r = postJson("/v1/token-events", ONE_EVENT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("accepted").asInt()).isEqualTo(1);
    assertThat(publisher.published).hasSize(1);
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.TOKEN_USAGE);
    assertThat(publisher.published.get(0).key()).isEqualTo("s-1");
    assertThat(((TokenUsage) publisher.published.get(0).value()).getEventId()).isEqualTo("e-1");
  }

  @Test
  void shouldAnswer401WithoutAValidKey() throws Exception {
    byte[] body = ONE_EVENT.getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> none = post("/v1/token-events", "application/json", body, null, null);
    HttpResponse<byte[]> wrong =
        post("/v1/logs", "application/x-protobuf", new byte[0], "not-the-key", null);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json(none).get("error").asText()).isEqualTo("unauthenticated");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldCloseTheConnectionWhenARefusedBodyHasNotAllArrived() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/token-events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000\r\n\r\n[{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = new String(socket.getInputStream().readNBytes(512), StandardCharsets.US_ASCII);

      assertThat(head).startsWith("HTTP/1.1 401");
      assertThat(head.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
    }
  }

  @Test
  void shouldKeepTheConnectionForAnotherRequestAfterARefusalWhoseBodyArrived() throws Exception {
    byte[] body = ONE_EVENT.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 50; i++) {
      assertThat(post("/v1/token-events", "application/json", body, null, null).statusCode())
          .isEqualTo(401);
      assertThat(postJson("/v1/token-events", ONE_EVENT).statusCode()).isEqualTo(200);
    }
    assertThat(publisher.published).hasSize(50);
  }

  @Test
  void shouldAnswer415ForAWrongContentType() throws Exception {
    HttpResponse<byte[]> r =
        post(
            "/v1/token-events",
            "text/plain",
            ONE_EVENT.getBytes(StandardCharsets.UTF_8),
            KEY,
            null);

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).get("message").asText())
        .contains("'text/plain'")
        .contains("application/json")
        .contains("application/x-ndjson");
  }

  @Test
  void shouldAnswer413ForAnOversizedBody() throws Exception {
    HttpResponse<byte[]> r = post("/v1/logs", "application/x-protobuf", new byte[5000], KEY, null);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("message").asText()).contains("ingest.max.body.bytes=4096");
  }

  @Test
  void shouldAnswer400NamingTheProblems() throws Exception {
    HttpResponse<byte[]> r = postJson("/v1/token-events", "[{\"eventId\": \"x\"}]");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).isEqualTo("malformed");
    assertThat(json(r).get("details").toString())
        .contains("[0].model: required")
        .contains("[0].outputTokens: required");
    HttpResponse<byte[]> garbage =
        post("/v1/metrics", "application/x-protobuf", new byte[] {(byte) 0xff, 1, 2}, KEY, null);
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(json(garbage).get("message").asText()).contains("ExportMetricsServiceRequest");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaCannotTakeRecords() throws Exception {
    publisher.down = true;
    HttpResponse<byte[]> down = postJson("/v1/token-events", ONE_EVENT);
    publisher.down = false;
    publisher.neverAcknowledge = true;
    HttpResponse<byte[]> slow = postJson("/v1/token-events", ONE_EVENT);

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).contains("7");
    assertThat(slow.statusCode()).isEqualTo(503);
    assertThat(slow.headers().firstValue("Retry-After")).contains("7");
    assertThat(json(slow).get("message").asText()).contains("did not acknowledge");
  }

  @Test
  void shouldAnswer413WhenKafkaRefusesARecordForItsSize() throws Exception {
    publisher.refuse = r -> true;

    HttpResponse<byte[]> refused = postJson("/v1/token-events", ONE_EVENT);

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
    assertThat(json(refused).get("error").asText()).isEqualTo("too_large");
    assertThat(json(refused).get("message").asText())
        .contains("larger than Kafka accepts", "max.request.size");
    assertThat(get("/metrics").body())
        .contains(
            "tokenlens_ingest_rejected_total{endpoint=\"token-events\",reason=\"too_large\"} 1");
  }

  @Test
  void shouldAnswerOtlpProtobufWithPartialSuccessAndDeadLetterTheUnmappable() throws Exception {
    LogRecord good =
        LogRecord.newBuilder()
            .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
            .addAttributes(kv("model", "claude-opus-4-1"))
            .addAttributes(kv("input_tokens", "3"))
            .addAttributes(kv("output_tokens", "4"))
            .addAttributes(kv("session.id", "s-9"))
            .addAttributes(kv("event.sequence", "1"))
            .build();
    LogRecord bad =
        LogRecord.newBuilder()
            .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
            .addAttributes(kv("input_tokens", "3"))
            .build();
    byte[] body =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(good).addLogRecords(bad)))
            .build()
            .toByteArray();

    HttpResponse<byte[]> r =
        post("/v1/logs", "application/x-protobuf", BodyReaderTest.gzip(body), KEY, "gzip");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-protobuf"));
    ExportLogsServiceResponse response = ExportLogsServiceResponse.parseFrom(r.body());
    assertThat(response.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage())
        .contains("attribute 'model' is missing");
    assertThat(publisher.published).hasSize(2);
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.TOKEN_USAGE);
    DeadLetter letter = (DeadLetter) publisher.published.get(1).value();
    assertThat(publisher.published.get(1).topic())
        .isEqualTo(Topics.deadLetterTopic(Topics.TOKEN_USAGE).orElseThrow());
    assertThat(letter.getComponent()).isEqualTo("otlp-http-logs");
    assertThat(letter.getHeaders()).containsEntry("api-key-id", "tests");
    ExportLogsServiceRequest payload = ExportLogsServiceRequest.parseFrom(letter.getPayload());
    assertThat(payload.getResourceLogs(0).getScopeLogs(0).getLogRecords(0)).isEqualTo(bad);
  }

  @Test
  void shouldAnswerOtlpJsonInJsonWithAnEmptyResponseWhenAllIsMapped() throws Exception {
    HttpResponse<byte[]> r = postJson("/v1/traces", "{\"resourceSpans\": []}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void shouldServeHealthReadinessAndMetrics() throws Exception {
    postJson("/v1/token-events", ONE_EVENT);
    postJson("/v1/token-events", "nonsense");

    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.body())
        .contains("tokenlens_ingest_received_total{endpoint=\"token-events\"} 1")
        .contains(
            "tokenlens_ingest_rejected_total{endpoint=\"token-events\",reason=\"malformed\"} 1")
        .contains(
            "tokenlens_ingest_http_requests_total{endpoint=\"token-events\",status=\"200\"} 1");
    publisher.down = true;
    HttpResponse<String> notReady = get("/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("kafka: down (test)");
  }

  @Test
  void shouldAnswer404And405AsJson() throws Exception {
    assertThat(get("/v2/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> getOnPost = get("/v1/logs");
    assertThat(getOnPost.statusCode()).isEqualTo(405);
    assertThat(getOnPost.body()).contains("accepts POST only");
  }

  @Test
  void shouldLabelMetricsOfUnknownPathsAsUnknownWhateverThePath() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(get("/probe-" + i).statusCode()).isEqualTo(404);
      assertThat(post("/probe-post-" + i, "application/json", new byte[0], null, null).statusCode())
          .isEqualTo(404);
    }

    String metrics = get("/metrics").body();
    assertThat(metrics).doesNotContain("probe");
    assertThat(metrics)
        .contains("tokenlens_ingest_http_requests_total{endpoint=\"unknown\",status=\"404\"} 40");
    assertThat(metrics)
        .contains("tokenlens_ingest_rejected_total{endpoint=\"unknown\",reason=\"not_found\"} 40");
  }

  private HttpResponse<byte[]> github(String event, String delivery, byte[] body, String signature)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", delivery)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      b.header("X-Hub-Signature-256", signature);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String sign(byte[] body) {
    return "sha256="
        + java.util.HexFormat.of()
            .formatHex(io.tokenlens.ingest.webhooks.HmacSignatures.hmacSha256(GITHUB_SECRET, body));
  }

  @Test
  void shouldSpoolSignedGitHubWebhooksAndForwardThem() throws Exception {
    byte[] body =
        io.tokenlens.ingest.webhooks.GitHubPayloads.pullRequest("closed", true, "closed")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> r = github("pull_request", "delivery-1", body, sign(body));

    assertThat(r.statusCode()).isEqualTo(202);
    io.tokenlens.testkit.Waits.until(
        "the webhook to be published",
        io.tokenlens.testkit.Waits.SHORT,
        () -> publisher.published.size(),
        size -> size == 1);
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.PR_EVENTS);
    assertThat(
            ((io.tokenlens.schemas.avro.PullRequestEvent) publisher.published.get(0).value())
                .getEventId())
        .isEqualTo("github:delivery-1");
  }

  @Test
  void shouldRefuseGitHubWebhooksWithABadSignatureWithoutNeedingAnApiKey() throws Exception {
    byte[] body = "{\"zen\": \"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> unsigned = github("ping", "d-1", body, null);
    HttpResponse<byte[]> forged = github("ping", "d-2", body, "sha256=" + "0".repeat(64));
    HttpResponse<byte[]> ping = github("ping", "d-3", body, sign(body));

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(json(unsigned).get("error").asText()).isEqualTo("bad_signature");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldDeadLetterASignedButUnmappableGitHubWebhook() throws Exception {
    byte[] body = "{\"action\": \"opened\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> r = github("pull_request", "d-9", body, sign(body));

    assertThat(r.statusCode()).isEqualTo(202);
    io.tokenlens.testkit.Waits.until(
        "the webhook to be published",
        io.tokenlens.testkit.Waits.SHORT,
        () -> publisher.published.size(),
        size -> size == 1);
    assertThat(publisher.published.get(0).topic())
        .isEqualTo(Topics.deadLetterTopic(Topics.PR_EVENTS).orElseThrow());
    DeadLetter letter = (DeadLetter) publisher.published.get(0).value();
    assertThat(letter.getErrorMessage()).isEqualTo("pull_request: missing");
    assertThat(JSON.readTree(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()))
        .isEqualTo(JSON.readTree("{\"action\": \"opened\"}"));
  }

  @Test
  void shouldSpoolPagerDutyWebhooksWhoseSignatureMatchesAndRefuseOthers() throws Exception {
    byte[] body =
        io.tokenlens.ingest.webhooks.PagerDutyPayloads.incident(
                "ev-1", "incident.triggered", "triggered", "checkout down")
            .getBytes(StandardCharsets.UTF_8);
    String good =
        java.util.HexFormat.of()
            .formatHex(
                io.tokenlens.ingest.webhooks.HmacSignatures.hmacSha256(PAGERDUTY_SECRET, body));
    String stale =
        java.util.HexFormat.of()
            .formatHex(
                io.tokenlens.ingest.webhooks.HmacSignatures.hmacSha256(
                    "rotated-away-secret", body));

    HttpResponse<byte[]> refused = pagerDuty(body, "v1=" + stale);
    HttpResponse<byte[]> accepted = pagerDuty(body, "v1=" + stale + ",v1=" + good);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(accepted.statusCode()).isEqualTo(202);
    io.tokenlens.testkit.Waits.until(
        "the webhook to be published",
        io.tokenlens.testkit.Waits.SHORT,
        () -> publisher.published.size(),
        size -> size == 1);
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.INCIDENT_EVENTS);
  }

  @Test
  void shouldSpoolAGitHubDeliverySentAgainOnlyOnce() throws Exception {
    byte[] body =
        io.tokenlens.ingest.webhooks.GitHubPayloads.pullRequest("closed", true, "closed")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> first = github("pull_request", "delivery-replayed", body, sign(body));
    HttpResponse<byte[]> again = github("pull_request", "delivery-replayed", body, sign(body));
    HttpResponse<byte[]> other = github("pull_request", "delivery-other", body, sign(body));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("duplicate").asBoolean()).isTrue();
    assertThat(other.statusCode()).isEqualTo(202);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> publisher.published.size() == 2);
  }

  @Test
  void shouldRefuseAWebhookWithoutItsSignatureHeaderBeforeItsBodyArrives() throws Exception {
    for (String path : new String[] {"/webhooks/github", "/webhooks/pagerduty"}) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(5000);
        java.io.OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + path
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-GitHub-Event: ping\r\nX-GitHub-Delivery: d-1\r\nContent-Length: 2000\r\n\r\n{\"a\":")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head =
            new String(socket.getInputStream().readNBytes(300), StandardCharsets.US_ASCII);

        assertThat(head).as(path).startsWith("HTTP/1.1 401");
        assertThat(head).as(path).contains("bad_signature");
      }
    }
  }

  @Test
  void shouldLimitWebhookBodiesBelowTheLimitOfTheOtherEndpoints() throws Exception {
    byte[] webhook = ("{\"zen\": \"" + "z".repeat(3200) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] events = (ONE_EVENT + " ".repeat(3200)).getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> refused = github("ping", "d-big", webhook, sign(webhook));
    HttpResponse<byte[]> accepted = post("/v1/token-events", "application/json", events, KEY, null);

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(json(refused).get("message").asText())
        .contains("ingest.webhook.max.body.bytes=3000");
    assertThat(accepted.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerAReadable413ToA64MiBWebhookSentWhole() throws Exception {
    int size = 64 * 1024 * 1024;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "X-GitHub-Event: ping\r\nX-GitHub-Delivery: d-huge\r\nX-Hub-Signature-256: sha256="
                  + "0".repeat(64)
                  + "\r\nContent-Length: "
                  + size
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1024 * 1024];
      for (int sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk);
      }
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("\"error\":\"too_large\"");
    }
  }

  private HttpResponse<byte[]> pagerDuty(byte[] body, String signature) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/webhooks/pagerduty"))
            .header("Content-Type", "application/json")
            .header("X-PagerDuty-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }
}
