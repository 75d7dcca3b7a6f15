package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka stopped mid-test: OTLP answers 503 with Retry-After instead of accepting what it cannot
 * make durable; after Kafka returns, the client's retry is accepted and every event is in its
 * topic. Runs its own broker (the shared one is never stopped); the schema registry is the shared
 * one.
 */
@StackTest
class KafkaOutageIT {
  private static final String KEY = "outage-key-0123456789abcdef";
  private static final String SESSION = "outage-session";

  @Test
  void shouldAnswer503WhileKafkaIsDownAndAcceptTheRetryOnceItIsBack(
      StackScope stack, @TempDir Path home) throws Exception {
    try (PrivateKafka kafka = new PrivateKafka(home)) {
      kafka.start();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("token-usage", 1, (short) 1),
                    new NewTopic("token-usage-dlq", 1, (short) 1)))
            .all()
            .get();
      }
      Map<String, String> values = new HashMap<>();
      values.put("ingest.http.port", "0");
      values.put("ingest.grpc.port", "0");
      values.put("ingest.api.keys", "it=" + KEY);
      values.put("ingest.publish.timeout.ms", "2000");
      values.put("ingest.retry.after.seconds", "3");
      values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
      values.put("kafka.reconnect.backoff.max.ms", "500");
      values.put("schema.registry.url", stack.schemaRegistryUrl());
      try (IngestServer server = IngestServer.start(IngestConfig.fromMap(values))) {
        HttpClient http = HttpClient.newHttpClient();
        String url = "http://127.0.0.1:" + server.port() + "/v1/logs";

        assertThat(post(http, url, batch(0, 10)).statusCode()).isEqualTo(200);

        kafka.stop();
        HttpResponse<String> during = post(http, url, batch(10, 20));
        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).contains("3");
        assertThat(during.body()).contains("\"error\":\"unavailable\"");

        kafka.start();
        // the exporter's retry, until Kafka takes it
        // one retry a second, not Waits' 250 ms: each poll posts again, and a 503'd post may still
        // land
        await("the retried batch to be accepted once Kafka is back")
            .atMost(io.tokenlens.testkit.Waits.LONG)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> post(http, url, batch(10, 20)).statusCode(), status -> status == 200);
      }

      List<TokenUsage> landed =
          TopicReader.read(
              Map.of("bootstrap.servers", kafka.bootstrapServers()),
              stack.schemaRegistryUrl(),
              Topics.TOKEN_USAGE,
              "token-usage",
              SESSION,
              20,
              Duration.ofSeconds(30));
      Set<String> ids = landed.stream().map(TokenUsage::getEventId).collect(Collectors.toSet());
      assertThat(ids)
          .isEqualTo(
              IntStream.range(0, 20)
                  .mapToObj(i -> "claude-code:" + SESSION + ":" + i)
                  .collect(Collectors.toSet()));
      // a 503'd attempt may still land before its retry: the copies carry the same event id
      // (deduplicated downstream)
      assertThat(landed.size()).isBetween(20, 30);
    }
  }

  private static HttpResponse<String> post(HttpClient http, String url, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/x-protobuf")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Claude Code api_request events with sequence numbers [from, to). */
  private static byte[] batch(int from, int to) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = from; i < to; i++) {
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
              .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
              .addAttributes(kv("session.id", SESSION))
              .addAttributes(kv("event.sequence", String.valueOf(i)))
              .addAttributes(kv("model", "claude-sonnet-4-5"))
              .addAttributes(kv("input_tokens", "10"))
              .addAttributes(kv("output_tokens", "20")));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
        .build()
        .toByteArray();
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }
}
