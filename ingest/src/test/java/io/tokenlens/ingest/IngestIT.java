package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest service against the real broker and schema registry, fed by real clients: the
 * OpenTelemetry Java SDK's own OTLP/HTTP exporters (protobuf, gzip) with Claude Code-shaped and
 * GenAI attributes (the {@link OtlpExporterContract}), and plain HTTP.
 */
@StackTest
class IngestIT extends OtlpExporterContract {
  private static final String KEY = "it-key-0123456789abcdef";

  private static IngestServer server;
  private static StackScope stack;
  private static String base;

  @BeforeAll
  static void startIngest(StackScope scope) throws Exception {
    stack = scope;
    stack.createTopics(
        1,
        "token-usage",
        "agent-activity",
        "usage-metrics",
        "token-usage-dlq",
        "agent-activity-dlq",
        "usage-metrics-dlq");
    server = IngestServer.start(IngestConfig.fromMap(config(stack.bootstrapServers())));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stopIngest() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static Map<String, String> config(String bootstrap) {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "it=" + KEY);
    values.put("kafka.bootstrap.servers", bootstrap);
    values.put("schema.registry.url", stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    return values;
  }

  @Override
  StackScope stack() {
    return stack;
  }

  @Override
  LogRecordExporter logExporter() {
    return OtlpHttpLogRecordExporter.builder()
        .setEndpoint(base + "/v1/logs")
        .addHeader("Authorization", "Bearer " + KEY)
        .setCompression("gzip")
        .build();
  }

  @Override
  MetricExporter deltaMetricExporter() {
    return OtlpHttpMetricExporter.builder()
        .setEndpoint(base + "/v1/metrics")
        .addHeader("Authorization", "Bearer " + KEY)
        .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
        .build();
  }

  @Override
  SpanExporter spanExporter() {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(base + "/v1/traces")
        .addHeader("Authorization", "Bearer " + KEY)
        .build();
  }

  @Test
  void shouldPublishTokenEventsAsTokenUsageKeyedBySession() throws Exception {
    String body =
        """
        {"eventId": "proxy-1", "occurredAt": "2026-11-22T08:00:00Z", "provider": "openai", "model": "gpt-5", "sessionId": "proxy-session", "totalInputTokens": 900, "cacheReadTokens": 800, "outputTokens": 50}
        {"eventId": "proxy-2", "occurredAt": "2026-11-22T08:00:01Z", "provider": "openai", "model": "gpt-5", "sessionId": "proxy-session", "totalInputTokens": 100, "outputTokens": 5}
        """;
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/v1/token-events"))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<TokenUsage> usage = read(Topics.TOKEN_USAGE, "proxy-session", 2);
    assertThat(usage).extracting(TokenUsage::getEventId).containsExactly("proxy-1", "proxy-2");
    assertThat(usage.get(0).getInputTokens()).isEqualTo(100);
    assertThat(usage.get(0).getCacheReadTokens()).isEqualTo(800);
    assertThat(usage.get(0).getSource()).isEqualTo(UsageSource.TOKEN_EVENTS_API);
  }

  @Test
  void shouldNameTheSendingKeyInAHeaderOfTheKafkaRecordWhateverThePayloadClaims() throws Exception {
    String body =
        """
        {"eventId": "claimed-1", "occurredAt": "2026-11-22T08:00:00Z", "provider": "openai", "model": "gpt-5", "sessionId": "claimed-session", "apiKeyId": "someone-else", "userEmail": "ceo@example.com", "inputTokens": 10, "outputTokens": 5}
        """;
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/v1/token-events"))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<ConsumerRecord<String, TokenUsage>> records =
        TopicReader.records(
            stack.kafkaConfig(),
            stack.schemaRegistryUrl(),
            Topics.TOKEN_USAGE,
            stack.topic(Topics.TOKEN_USAGE.name()),
            "claimed-session",
            1,
            Duration.ofSeconds(30));
    assertThat(records).hasSize(1);
    Header header = records.get(0).headers().lastHeader("tokenlens-authenticated-by");
    assertThat(header).as("the tokenlens-authenticated-by header").isNotNull();
    assertThat(new String(header.value(), StandardCharsets.UTF_8))
        .isEqualTo(KeyFingerprints.of("it"));
  }

  @Test
  void shouldAcceptOtlpJson() throws Exception {
    String body =
        """
        {"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "claude-code"}}]},
          "scopeLogs": [{"scope": {"name": "com.anthropic.claude_code.events"}, "logRecords": [{
            "timeUnixNano": "1795338000000000000", "body": {"stringValue": "claude_code.user_prompt"},
            "attributes": [
              {"key": "event.name", "value": {"stringValue": "user_prompt"}},
              {"key": "session.id", "value": {"stringValue": "json-session"}},
              {"key": "event.sequence", "value": {"intValue": "3"}},
              {"key": "prompt_length", "value": {"stringValue": "42"}}]}]}]}]}
        """;
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/v1/logs"))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{}");
    List<AgentActivity> activity = read(Topics.AGENT_ACTIVITY, "json-session", 1);
    assertThat(activity).hasSize(1);
    assertThat(activity.get(0).getKind()).isEqualTo(ActivityKind.USER_PROMPT);
    assertThat(activity.get(0).getPromptLength()).isEqualTo(42);
    assertThat(activity.get(0).getEventId()).isEqualTo("claude-code:json-session:3");
  }

  @Test
  void shouldBeReadyWithKafkaAndTheRegistryUp() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
