package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.KeyFingerprints;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.load.Samples;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.webhooks.GitHubPayloads;
import io.tokenlens.ingest.webhooks.HmacSignatures;
import io.tokenlens.schemas.avro.TokenUsage;
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
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every record published for a request carries the credential that request was accepted with,
 * whatever its payload claims: the fingerprint of the API key, or the webhook's verification.
 */
class AuthenticatedByTest {
  private static final String LAPTOP_KEY = "laptop-key-0123456789abcdef";
  private static final String PROXY_KEY = "proxy-key-0123456789abcdef";
  private static final String ADMIN_KEY = "hr-sync-key-0123456789abcdef";
  private static final String GITHUB_SECRET = "github-secret-0123456789";

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final HttpClient http = HttpClient.newHttpClient();
  private IngestServer server;

  @TempDir Path spoolDir;

  @BeforeEach
  void start() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "laptop=" + LAPTOP_KEY + ",proxy=" + PROXY_KEY);
    values.put("ingest.admin.api.keys", "hr-sync=" + ADMIN_KEY);
    values.put("ingest.github.webhook.secret", GITHUB_SECRET);
    values.put("ingest.spool.dir", spoolDir.toString());
    values.put("ingest.publish.timeout.ms", "300");
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

  private HttpResponse<String> post(
      String path, String contentType, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 202);
    return r;
  }

  private HttpResponse<String> post(String path, String contentType, String body, String key)
      throws Exception {
    return post(path, contentType, body, Map.of("Authorization", "Bearer " + key));
  }

  private static String tokenEvent(String eventId, String claimedApiKeyId) {
    return """
        [{"eventId": "%s", "occurredAt": "2026-11-22T08:00:00Z", "provider": "openai", "model": "gpt-5",
          "sessionId": "s-1", "userEmail": "ceo@example.com", "apiKeyId": "%s", "inputTokens": 10,
          "outputTokens": 20}]"""
        .formatted(eventId, claimedApiKeyId);
  }

  /** The credential of each published record whose value is a token usage, by event id. */
  private Map<String, String> credentialByEventId() {
    Map<String, String> byId = new HashMap<>();
    IntStream.range(0, publisher.published.size())
        .forEach(
            i -> {
              PendingRecord<?> r = publisher.published.get(i);
              if (r.value() instanceof TokenUsage u) {
                byId.put(u.getEventId(), publisher.authenticatedBy.get(i).value());
              }
            });
    return byId;
  }

  @Test
  void shouldMarkTokenEventsWithTheKeyThatSentThemWhateverApiKeyIdTheyClaim() throws Exception {
    post("/v1/token-events", "application/json", tokenEvent("from-laptop", "proxy"), LAPTOP_KEY);
    post("/v1/token-events", "application/json", tokenEvent("from-proxy", "laptop"), PROXY_KEY);

    assertThat(credentialByEventId())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "from-laptop", KeyFingerprints.of("laptop"),
                "from-proxy", KeyFingerprints.of("proxy")));
    assertThat(KeyFingerprints.of("laptop")).isNotEqualTo(KeyFingerprints.of("proxy"));
  }

  @Test
  void shouldMarkOtlpAndIncidentRecordsWithTheirKey() throws Exception {
    post(
        "/v1/logs",
        "application/json",
        """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1795338000000000000",
         "body":{"stringValue":"claude_code.api_request"},
         "attributes":[{"key":"session.id","value":{"stringValue":"s-1"}},
         {"key":"event.sequence","value":{"intValue":"1"}},
         {"key":"user.email","value":{"stringValue":"ceo@example.com"}},
         {"key":"model","value":{"stringValue":"claude-sonnet-4-5"}},
         {"key":"input_tokens","value":{"stringValue":"120"}},
         {"key":"output_tokens","value":{"stringValue":"80"}}]}]}]}]}""",
        PROXY_KEY);
    post(
        "/v1/incidents",
        "application/json",
        """
        {"id": "INC-42", "service": "checkout", "status": "triggered", "priority": "P1",
         "occurredAt": "2026-11-22T08:40:00Z", "title": "5xx on checkout"}""",
        PROXY_KEY);

    assertThat(publisher.published)
        .extracting(r -> r.topic().name())
        .containsExactly("token-usage", "incident-events");
    assertThat(publisher.authenticatedBy)
        .extracting(AuthenticatedBy::value)
        .containsOnly(KeyFingerprints.of("proxy"));
  }

  @Test
  void shouldMarkLoadedReferenceDataWithTheAdminKey() throws Exception {
    post(
        "/v1/prices",
        "text/csv",
        """
        provider,model,effective_from,input_usd_per_million,output_usd_per_million,cache_read_usd_per_million,cache_write_usd_per_million
        openai,gpt-5,2026-01-01,1.00,8.00,0.10,1.00
        """,
        ADMIN_KEY);
    post(
        "/v1/directory",
        "text/csv",
        new String(Samples.bytes("directory.csv"), StandardCharsets.UTF_8),
        ADMIN_KEY);

    assertThat(publisher.published)
        .extracting(r -> r.topic().name())
        .startsWith("model-prices", "directory")
        .containsOnly("model-prices", "directory");
    assertThat(publisher.authenticatedBy)
        .extracting(AuthenticatedBy::value)
        .containsOnly(KeyFingerprints.of("hr-sync"));
  }

  @Test
  void shouldMarkWebhookRecordsWithTheSendersVerificationAndNoKey() throws Exception {
    String body = GitHubPayloads.pullRequest("closed", true, "closed");
    String signature =
        "sha256="
            + HexFormat.of()
                .formatHex(
                    HmacSignatures.hmacSha256(
                        GITHUB_SECRET, body.getBytes(StandardCharsets.UTF_8)));

    post(
        "/webhooks/github",
        "application/json",
        body,
        Map.of(
            "X-GitHub-Event",
            "pull_request",
            "X-GitHub-Delivery",
            "delivery-1",
            "X-Hub-Signature-256",
            signature,
            "Authorization",
            "Bearer " + LAPTOP_KEY));

    Waits.until(
        "the webhook to be published", Waits.SHORT, () -> publisher.published.size(), n -> n == 1);
    assertThat(publisher.authenticatedBy)
        .extracting(AuthenticatedBy::value)
        .isEqualTo(List.of("github-signature"));
  }
}
