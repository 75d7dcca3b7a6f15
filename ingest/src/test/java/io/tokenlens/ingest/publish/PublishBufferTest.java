package io.tokenlens.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a client sees when a request holds more records than the publish buffer ({@code
 * ingest.buffer.max.records}).
 */
class PublishBufferTest {
  private static final String KEY = "test-key-0123456789abcdef";

  private static String tokenEvents(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                """
        {"eventId": "e-%d", "occurredAt": "2026-11-22T08:00:00Z", "provider": "anthropic",
         "model": "claude-haiku-4-5", "sessionId": "s-1", "inputTokens": 10, "outputTokens": 20}"""
                    .formatted(i))
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  @Test
  void shouldAnswer503WithRetryAfterNot500WhenARequestHoldsMoreRecordsThanTheBuffer()
      throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.enabled", "false");
    values.put("ingest.api.keys", "tests=" + KEY);
    values.put("ingest.buffer.max.records", "2");
    values.put("ingest.publish.timeout.ms", "2000");
    values.put("ingest.retry.after.seconds", "3");
    values.put(
        "kafka.bootstrap.servers",
        "127.0.0.1:1"); // nothing listens: no metadata within max.block.ms
    values.put("kafka.max.block.ms", "200");
    values.put("schema.registry.url", "mock://publish-buffer-test");
    try (IngestServer server = IngestServer.start(IngestConfig.fromMap(values))) {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/v1/token-events"))
                      .header("Authorization", "Bearer " + KEY)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(tokenEvents(3)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).contains("3");
      assertThat(answer.body()).contains("\"error\":\"unavailable\"");
      assertThat(server.metrics().render()).doesNotContain("reason=\"internal\"");
    }
  }

  @Test
  void shouldPublishMoreRecordsThanTheBufferHoldsInPartsEachAcknowledgedBeforeTheNext()
      throws Exception {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.maxRecordsAtOnce = 2;
    List<PendingRecord<PullRequestEvent>> records =
        IntStream.range(0, 5)
            .mapToObj(
                i ->
                    new PendingRecord<>(
                        Topics.PR_EVENTS,
                        PullRequests.anOpenedPr().eventId("github:d" + i).number(i).build()))
            .toList();

    Acknowledged.publish(publisher, records, AuthenticatedBy.NOBODY, Duration.ofSeconds(1));

    assertThat(publisher.calls).containsExactly(2, 2, 1);
    assertThat(publisher.published.stream().map(r -> (Object) r.value()).toList())
        .containsExactlyElementsOf(records.stream().map(r -> (Object) r.value()).toList());
  }

  @Test
  void shouldStopAtThePartKafkaDoesNotAcknowledgeAndAnswerBackPressure() {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.maxRecordsAtOnce = 2;
    publisher.neverAcknowledge = true;
    List<PendingRecord<PullRequestEvent>> records =
        IntStream.range(0, 5)
            .mapToObj(
                i ->
                    new PendingRecord<>(
                        Topics.PR_EVENTS,
                        PullRequests.anOpenedPr().eventId("github:d" + i).number(i).build()))
            .toList();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Acknowledged.publish(
                    publisher, records, AuthenticatedBy.NOBODY, Duration.ofMillis(200)))
        .isInstanceOf(BackPressureException.class)
        .hasMessageContaining("did not acknowledge 5 records");
    assertThat(publisher.calls).containsExactly(2);
  }
}
