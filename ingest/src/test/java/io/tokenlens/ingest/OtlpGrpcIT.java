package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP over gRPC against the real broker and schema registry, fed by the OpenTelemetry Java SDK's
 * own OTLP gRPC exporters (grpc-java managed-channel sender, gzip) with Claude Code-shaped and
 * GenAI attributes (the {@link OtlpExporterContract}); refusals as the exporters see them
 * (UNAUTHENTICATED, and UNAVAILABLE while a private broker is stopped).
 */
@StackTest
class OtlpGrpcIT extends OtlpExporterContract {
  private static final String KEY = "grpc-it-key-0123456789abcdef";

  private static IngestServer server;
  private static StackScope stack;
  private static String endpoint;

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
    Map<String, String> values = config(stack.bootstrapServers(), stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    server = IngestServer.start(IngestConfig.fromMap(values));
    endpoint = "http://127.0.0.1:" + server.grpcPort();
  }

  @AfterAll
  static void stopIngest() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, String> config(String bootstrap, String registry) {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "it=" + KEY);
    values.put("kafka.bootstrap.servers", bootstrap);
    values.put("schema.registry.url", registry);
    return values;
  }

  @Override
  StackScope stack() {
    return stack;
  }

  @Override
  LogRecordExporter logExporter() {
    return OtlpGrpcLogRecordExporter.builder()
        .setEndpoint(endpoint)
        .addHeader("Authorization", "Bearer " + KEY)
        .setCompression("gzip")
        .build();
  }

  @Override
  MetricExporter deltaMetricExporter() {
    return OtlpGrpcMetricExporter.builder()
        .setEndpoint(endpoint)
        .addHeader("Authorization", "Bearer " + KEY)
        .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
        .build();
  }

  @Override
  SpanExporter spanExporter() {
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint(endpoint)
        .addHeader("Authorization", "Bearer " + KEY)
        .build();
  }

  @Test
  void shouldRefuseAnExporterWithoutAKnownKeyAsUnauthenticated() {
    OtlpGrpcLogRecordExporter exporter =
        OtlpGrpcLogRecordExporter.builder()
            .setEndpoint(endpoint)
            .addHeader("Authorization", "Bearer not-a-key-0123456789")
            .build();

    CompletableResultCode flushed = emitClaudeCodeEvents(exporter, "grpc-unauthenticated", 1, 1);

    assertThat(flushed.isSuccess()).isFalse();
    assertThat(statusOf(flushed)).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
    // refused before the message is read: nothing of it can reach Kafka
    assertThat(server.metrics().render())
        .contains(
            "tokenlens_ingest_rejected_total{endpoint=\"otlp-grpc-logs\",reason=\"unauthenticated\"} 1");
  }

  @Test
  void shouldAnswerUnavailableWhileKafkaIsDownAndAcceptTheRetryOnceItIsBack(@TempDir Path home)
      throws Exception {
    String session = "grpc-outage-session";
    try (PrivateKafka kafka = new PrivateKafka(home)) {
      kafka.start();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("token-usage", 1, (short) 1),
                    new NewTopic("agent-activity", 1, (short) 1)))
            .all()
            .get();
      }
      Map<String, String> values = config(kafka.bootstrapServers(), stack.schemaRegistryUrl());
      values.put("ingest.publish.timeout.ms", "2000");
      values.put("ingest.retry.after.seconds", "1");
      values.put("kafka.reconnect.backoff.max.ms", "500");
      try (IngestServer outage = IngestServer.start(IngestConfig.fromMap(values))) {
        String url = "http://127.0.0.1:" + outage.grpcPort();
        assertThat(emitApiRequests(url, session, 0, 5).isSuccess()).isTrue();

        kafka.stop();
        CompletableResultCode during = emitApiRequests(url, session, 5, 10);
        assertThat(during.isSuccess()).isFalse();
        assertThat(statusOf(during)).isEqualTo(GrpcStatusCode.UNAVAILABLE);

        kafka.start();
        // the exporter's retry, until Kafka takes it
        // one retry a second, not Waits' 250 ms: each poll exports the batch again
        await("the retried export to be accepted once Kafka is back")
            .atMost(io.tokenlens.testkit.Waits.LONG)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> emitApiRequests(url, session, 5, 10).isSuccess());
      }

      List<TokenUsage> landed =
          TopicReader.read(
              Map.of("bootstrap.servers", kafka.bootstrapServers()),
              stack.schemaRegistryUrl(),
              Topics.TOKEN_USAGE,
              "token-usage",
              session,
              10,
              Duration.ofSeconds(30));
      Set<String> ids = landed.stream().map(TokenUsage::getEventId).collect(Collectors.toSet());
      assertThat(ids)
          .isEqualTo(
              IntStream.range(0, 10)
                  .mapToObj(i -> "claude-code:" + session + ":" + i)
                  .collect(Collectors.toSet()));
    }
  }

  /**
   * Claude Code api_request events with sequence numbers [from, to), exported once (no exporter
   * retry).
   */
  private static CompletableResultCode emitApiRequests(
      String url, String session, int from, int to) {
    OtlpGrpcLogRecordExporter exporter =
        OtlpGrpcLogRecordExporter.builder()
            .setEndpoint(url)
            .addHeader("Authorization", "Bearer " + KEY)
            .setRetryPolicy(null)
            .setTimeout(Duration.ofSeconds(10))
            .build();
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(claudeCodeResource())
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build()) {
      Logger logger = provider.get("com.anthropic.claude_code.events");
      for (int i = from; i < to; i++) {
        logger
            .logRecordBuilder()
            .setBody("claude_code.api_request")
            .setAllAttributes(
                Attributes.builder()
                    .put("event.name", "api_request")
                    .put("session.id", session)
                    .put("event.sequence", (long) i)
                    .put("model", "claude-haiku-4-5")
                    .put("input_tokens", "10")
                    .put("output_tokens", "20")
                    .build())
            .emit();
      }
      return provider.forceFlush().join(30, TimeUnit.SECONDS);
    }
  }

  /** The gRPC status the exporter saw (the SDK reports it through its failure exception). */
  private static GrpcStatusCode statusOf(CompletableResultCode result) {
    assertThat(result.getFailureThrowable())
        .isInstanceOf(FailedExportException.GrpcExportException.class);
    FailedExportException.GrpcExportException failure =
        (FailedExportException.GrpcExportException) result.getFailureThrowable();
    assertThat(failure.failedWithResponse()).isTrue();
    return failure.getResponse().getStatusCode();
  }
}
