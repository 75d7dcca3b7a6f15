package io.tokenlens.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/directory} and {@code POST /v1/prices} with a recording publisher in place of
 * Kafka.
 */
class FileLoadEndpointTest {
  private static final String KEY = "loader-key-0123456789abcdef";
  private static final String TELEMETRY_KEY = "collector-key-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final HttpClient http = HttpClient.newHttpClient();
  private IngestServer server;

  @BeforeEach
  void start() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "collector=" + TELEMETRY_KEY);
    values.put("ingest.admin.api.keys", "hr-sync=" + KEY);
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

  private HttpResponse<String> post(String path, String contentType, byte[] body, String key)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldPublishADirectoryCsvAndAnswerTheCounts() throws Exception {
    HttpResponse<String> r =
        post("/v1/directory", "text/csv; charset=utf-8", Samples.bytes("directory.csv"), KEY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(11);
    assertThat(answer.get("deletions").asInt()).isEqualTo(2);
    assertThat(publisher.published).hasSize(11);
    DirectoryEntry first = (DirectoryEntry) publisher.published.get(0).value();
    assertThat(first.getSource()).isEqualTo("api:hr-sync");
  }

  @Test
  void shouldPublishPriceOverridesFromJson() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/prices",
            "application/json",
            Samples.utf8(
                """
        [{"provider": "anthropic", "model": "claude-opus-4-5", "effectiveFrom": "2026-01-01",
          "inputUsdPerMillion": 4, "outputUsdPerMillion": 20, "cacheReadUsdPerMillion": 0.4,
          "cacheWriteUsdPerMillion": 5}]"""),
            KEY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(publisher.published)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.topic()).isEqualTo(Topics.MODEL_PRICES);
              assertThat(p.key()).isEqualTo("anthropic/claude-opus-4-5@2026-01-01T00:00:00Z");
              assertThat(((ModelPrice) p.value()).getInputUsdPerMillion()).isEqualTo(4.0);
            });
  }

  @Test
  void shouldAnswer400ListingEveryProblemAndPublishNothing() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/directory",
            "text/csv",
            Samples.utf8(
                "kind,engineer_id,team,timezone\nengineer,e-1,core,UTC\nengineer,e-2,,Nowhere/City\n"),
            KEY);

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.get("error").asText()).isEqualTo("malformed");
    assertThat(answer.get("message").asText())
        .isEqualTo("2 problem(s) in the directory; nothing was accepted");
    assertThat(answer.get("details"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "[line 3].team: required",
            "[line 3].timezone: 'Nowhere/City' is not a time zone such as Europe/Berlin or UTC");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRequireAnApiKeyAndACsvOrJsonBody() throws Exception {
    assertThat(post("/v1/prices", "text/csv", Samples.bytes("prices.csv"), null).statusCode())
        .isEqualTo(401);
    assertThat(post("/v1/prices", "text/plain", Samples.bytes("prices.csv"), KEY).statusCode())
        .isEqualTo(415);
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRefuseATelemetryKeyWith403AndPublishNothing() throws Exception {
    HttpResponse<String> directory =
        post("/v1/directory", "text/csv", Samples.bytes("directory.csv"), TELEMETRY_KEY);
    HttpResponse<String> prices =
        post("/v1/prices", "text/csv", Samples.bytes("prices.csv"), TELEMETRY_KEY);

    assertThat(directory.statusCode()).isEqualTo(403);
    assertThat(directory.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("json"));
    JsonNode answer = JSON.readTree(directory.body());
    assertThat(answer.get("error").asText()).isEqualTo("forbidden");
    assertThat(answer.get("message").asText())
        .contains("collector")
        .contains("ingest.admin.api.keys");
    assertThat(prices.statusCode()).isEqualTo(403);
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAcceptTelemetryFromAnAdminKey() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/token-events",
            "application/json",
            Samples.utf8(
                """
        [{"eventId": "e-1", "occurredAt": "2026-11-22T08:00:00Z", "provider": "anthropic",
          "model": "claude-haiku-4-5", "inputTokens": 10, "outputTokens": 20}]"""),
            KEY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void shouldAnswer503WhenKafkaCannotTakeTheLoad() throws Exception {
    publisher.down = true;

    HttpResponse<String> r = post("/v1/prices", "text/csv", Samples.bytes("prices.csv"), KEY);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
  }
}
