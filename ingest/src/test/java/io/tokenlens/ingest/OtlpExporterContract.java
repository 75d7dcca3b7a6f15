package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.MetricTemporality;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageMetric;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * What ingest does with telemetry from the OpenTelemetry Java SDK's own OTLP exporters, whatever
 * the transport: Claude Code events and metrics and GenAI spans land in their topics, mapped. Each
 * transport's integration test supplies its exporters (authenticated; logs gzipped; metrics with
 * delta temporality) and the stack its ingest instance publishes to.
 */
abstract class OtlpExporterContract {
  static final String SESSION = "9c0f7d0e-1111-4a8e-9a65-0c3f1f1a2b3c";
  private static final Duration WAIT = Duration.ofSeconds(30);

  abstract StackScope stack();

  abstract LogRecordExporter logExporter();

  abstract MetricExporter deltaMetricExporter();

  abstract SpanExporter spanExporter();

  <V extends SpecificRecord> List<V> read(Topic<V> topic, String key, int expected) {
    StackScope stack = stack();
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
  void shouldMapClaudeCodeEventsSentByTheOtelSdkLogExporter() {
    assertThat(emitClaudeCodeEvents(logExporter(), SESSION, 1, 2).isSuccess()).isTrue();

    List<TokenUsage> usage = read(Topics.TOKEN_USAGE, SESSION, 1);
    assertThat(usage).hasSize(1);
    TokenUsage u = usage.get(0);
    assertThat(u.getEventId()).isEqualTo("claude-code:" + SESSION + ":1");
    assertThat(u.getSource()).isEqualTo(UsageSource.CLAUDE_CODE);
    assertThat(u.getInputTokens()).isEqualTo(120);
    assertThat(u.getCacheReadTokens()).isEqualTo(30000);
    assertThat(u.getCacheWriteTokens()).isEqualTo(500);
    assertThat(u.getRepository()).isEqualTo("acme/shop");
    assertThat(u.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:30:00Z"));
    List<AgentActivity> activity = read(Topics.AGENT_ACTIVITY, SESSION, 1);
    assertThat(activity)
        .extracting(AgentActivity::getKind)
        .containsExactly(ActivityKind.TOOL_DECISION);
  }

  @Test
  void shouldMapClaudeCodeMetricsSentByTheOtelSdkMetricExporter() {
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(claudeCodeResource())
            .registerMetricReader(
                PeriodicMetricReader.builder(deltaMetricExporter())
                    .setInterval(Duration.ofHours(1))
                    .build())
            .build()) {
      LongCounter tokens =
          provider
              .get("com.anthropic.claude_code")
              .counterBuilder("claude_code.token.usage")
              .setUnit("tokens")
              .build();
      tokens.add(
          4242,
          Attributes.builder()
              .put("type", "output")
              .put("model", "claude-sonnet-4-5")
              .put("session.id", "metrics-session")
              .build());
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
    String traceId;
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(
                    Attributes.of(AttributeKey.stringKey("service.name"), "support-bot")))
            .addSpanProcessor(SimpleSpanProcessor.create(spanExporter()))
            .build()) {
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

  /**
   * Claude Code's {@code api_request} (sequence {@code first}) and, when {@code last > first}, a
   * {@code tool_decision} (sequence {@code last}), shaped as Claude Code sends them; the flush
   * result.
   */
  static CompletableResultCode emitClaudeCodeEvents(
      LogRecordExporter exporter, String session, long first, long last) {
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(claudeCodeResource())
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build()) {
      Logger logger = provider.get("com.anthropic.claude_code.events");
      logger
          .logRecordBuilder()
          .setBody("claude_code.api_request")
          .setAllAttributes(
              Attributes.builder()
                  .put("event.name", "api_request")
                  .put("event.timestamp", "2026-11-22T08:30:00.000Z")
                  .put("session.id", session)
                  .put("event.sequence", first)
                  .put("user.email", "ada@example.com")
                  .put("organization.id", "org-1")
                  .put("prompt.id", "prompt-1")
                  .put("model", "claude-sonnet-4-5")
                  .put("input_tokens", "120")
                  .put("output_tokens", "80")
                  .put("cache_read_tokens", "30000")
                  .put("cache_creation_tokens", "500")
                  .put("cost_usd", "0.0312")
                  .put("duration_ms", "4100")
                  .build())
          .emit();
      if (last > first) {
        logger
            .logRecordBuilder()
            .setBody("claude_code.tool_decision")
            .setAllAttributes(
                Attributes.builder()
                    .put("event.name", "tool_decision")
                    .put("session.id", session)
                    .put("event.sequence", last)
                    .put("tool_name", "Edit")
                    .put("decision", "reject")
                    .put("source", "user_reject")
                    .build())
            .emit();
      }
      return provider.forceFlush().join(30, TimeUnit.SECONDS);
    }
  }

  static Resource claudeCodeResource() {
    return Resource.create(
        Attributes.builder()
            .put("service.name", "claude-code")
            .put("service.version", "2.0.31")
            .put("vcs.repository.url.full", "https://github.com/acme/shop")
            .build());
  }
}
