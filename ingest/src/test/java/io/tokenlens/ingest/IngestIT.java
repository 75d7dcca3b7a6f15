package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.MetricTemporality;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageMetric;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest service against the real broker and schema registry, fed by real clients: the OpenTelemetry Java
 * SDK's own OTLP/HTTP exporters (protobuf, gzip) with Claude Code-shaped and GenAI attributes, and plain HTTP.
 */
@StackTest
class IngestIT {
  private static final String KEY = "it-key-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SESSION = "9c0f7d0e-1111-4a8e-9a65-0c3f1f1a2b3c";

  private static IngestServer server;
  private static StackScope stack;
  private static String base;

  @BeforeAll
  static void startIngest(StackScope scope) throws Exception {
    stack = scope;
    stack.createTopics(1, "token-usage", "agent-activity", "usage-metrics", "token-usage-dlq",
        "agent-activity-dlq", "usage-metrics-dlq");
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
    values.put("ingest.api.keys", "it=" + KEY);
    values.put("kafka.bootstrap.servers", bootstrap);
    values.put("schema.registry.url", stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    return values;
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> List<V> read(
      io.tokenlens.schemas.topics.Topic<V> topic, String key, int expected) {
    return TopicReader.read(stack.kafkaConfig(), stack.schemaRegistryUrl(), topic, stack.topic(topic.name()), key,
        expected, WAIT);
  }

  @Test
  void shouldPublishTokenEventsAsTokenUsageKeyedBySession() throws Exception {
    String body = """
        {"eventId": "proxy-1", "occurredAt": "2026-11-22T08:00:00Z", "provider": "openai", "model": "gpt-5", "sessionId": "proxy-session", "totalInputTokens": 900, "cacheReadTokens": 800, "outputTokens": 50}
        {"eventId": "proxy-2", "occurredAt": "2026-11-22T08:00:01Z", "provider": "openai", "model": "gpt-5", "sessionId": "proxy-session", "totalInputTokens": 100, "outputTokens": 5}
        """;
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/token-events"))
        .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<TokenUsage> usage = read(Topics.TOKEN_USAGE, "proxy-session", 2);
    assertThat(usage).extracting(TokenUsage::getEventId).containsExactly("proxy-1", "proxy-2");
    assertThat(usage.get(0).getInputTokens()).isEqualTo(100);
    assertThat(usage.get(0).getCacheReadTokens()).isEqualTo(800);
    assertThat(usage.get(0).getSource()).isEqualTo(UsageSource.TOKEN_EVENTS_API);
  }

  @Test
  void shouldMapClaudeCodeEventsSentByTheOtelSdkLogExporter() throws Exception {
    OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
        .setEndpoint(base + "/v1/logs").addHeader("Authorization", "Bearer " + KEY).setCompression("gzip").build();
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(claudeCodeResource())
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
      Logger logger = provider.get("com.anthropic.claude_code.events");
      logger.logRecordBuilder().setBody("claude_code.api_request")
          .setAllAttributes(Attributes.builder()
              .put("event.name", "api_request").put("event.timestamp", "2026-11-22T08:30:00.000Z")
              .put("session.id", SESSION).put("event.sequence", 1L).put("user.email", "ada@example.com")
              .put("model", "claude-sonnet-4-5").put("input_tokens", "120").put("output_tokens", "80")
              .put("cache_read_tokens", "30000").put("cache_creation_tokens", "500").put("cost_usd", "0.0312")
              .put("duration_ms", "4100").build())
          .emit();
      logger.logRecordBuilder().setBody("claude_code.tool_decision")
          .setAllAttributes(Attributes.builder()
              .put("event.name", "tool_decision").put("session.id", SESSION).put("event.sequence", 2L)
              .put("tool_name", "Edit").put("decision", "reject").put("source", "user_reject").build())
          .emit();
      CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
      assertThat(flushed.isSuccess()).isTrue();
    }

    List<TokenUsage> usage = read(Topics.TOKEN_USAGE, SESSION, 1);
    assertThat(usage).hasSize(1);
    TokenUsage u = usage.get(0);
    assertThat(u.getEventId()).isEqualTo("claude-code:" + SESSION + ":1");
    assertThat(u.getInputTokens()).isEqualTo(120);
    assertThat(u.getCacheReadTokens()).isEqualTo(30000);
    assertThat(u.getCacheWriteTokens()).isEqualTo(500);
    assertThat(u.getRepository()).isEqualTo("acme/shop");
    assertThat(u.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:30:00Z"));
    List<AgentActivity> activity = read(Topics.AGENT_ACTIVITY, SESSION, 1);
    assertThat(activity).extracting(AgentActivity::getKind).containsExactly(ActivityKind.TOOL_DECISION);
  }

  @Test
  void shouldMapClaudeCodeMetricsSentByTheOtelSdkMetricExporter() {
    OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
        .setEndpoint(base + "/v1/metrics").addHeader("Authorization", "Bearer " + KEY)
        .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred()).build();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(claudeCodeResource())
        .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build()).build()) {
      LongCounter tokens = provider.get("com.anthropic.claude_code").counterBuilder("claude_code.token.usage")
          .setUnit("tokens").build();
      tokens.add(4242, Attributes.builder().put("type", "output").put("model", "claude-sonnet-4-5")
          .put("session.id", "metrics-session").build());
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    List<UsageMetric> metrics = read(Topics.USAGE_METRICS, "metrics-session", 1);
    assertThat(metrics).hasSize(1);
    assertThat(metrics.get(0).getMetricName()).isEqualTo("claude_code.token.usage");
    assertThat(metrics.get(0).getValue()).isEqualTo(4242.0);
    assertThat(metrics.get(0).getTemporality()).isEqualTo(MetricTemporality.DELTA);
    assertThat(metrics.get(0).getMetricType()).isEqualTo("output");
  }

  @Test
  void shouldMapGenAiSpansSentByTheOtelSdkSpanExporter() {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(base + "/v1/traces").addHeader("Authorization", "Bearer " + KEY).build();
    String traceId;
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "support-bot")))
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      Span span = provider.get("genai").spanBuilder("chat gpt-5").startSpan();
      span.setAttribute("gen_ai.operation.name", "chat");
      span.setAttribute("gen_ai.provider.name", "openai");
      span.setAttribute("gen_ai.request.model", "gpt-5");
      span.setAttribute("gen_ai.usage.input_tokens", 5000L);
      span.setAttribute("gen_ai.usage.cache_read.input_tokens", 4000L);
      span.setAttribute("gen_ai.usage.output_tokens", 250L);
      span.setAttribute("gen_ai.conversation.id", "conv-it");
      traceId = span.getSpanContext().getTraceId();
      span.end();
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    List<TokenUsage> usage = read(Topics.TOKEN_USAGE, "conv-it", 1);
    assertThat(usage).hasSize(1);
    assertThat(usage.get(0).getEventId()).startsWith("otel-span:" + traceId + ":");
    assertThat(usage.get(0).getInputTokens()).isEqualTo(1000);
    assertThat(usage.get(0).getCacheReadTokens()).isEqualTo(4000);
    assertThat(usage.get(0).getSource()).isEqualTo(UsageSource.OTEL_GENAI);
  }

  @Test
  void shouldAcceptOtlpJson() throws Exception {
    String body = """
        {"resourceLogs": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "claude-code"}}]},
          "scopeLogs": [{"scope": {"name": "com.anthropic.claude_code.events"}, "logRecords": [{
            "timeUnixNano": "1795338000000000000", "body": {"stringValue": "claude_code.user_prompt"},
            "attributes": [
              {"key": "event.name", "value": {"stringValue": "user_prompt"}},
              {"key": "session.id", "value": {"stringValue": "json-session"}},
              {"key": "event.sequence", "value": {"intValue": "3"}},
              {"key": "prompt_length", "value": {"stringValue": "42"}}]}]}]}]}
        """;
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/logs"))
        .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

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
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static Resource claudeCodeResource() {
    return Resource.create(Attributes.builder()
        .put("service.name", "claude-code").put("service.version", "2.0.31")
        .put("vcs.repository.url.full", "https://github.com/acme/shop").build());
  }
}
