package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientLimitsTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final RecordingPublisher publisher = new RecordingPublisher();

  @TempDir Path spoolDir;

  private IngestServer start(Map<String, String> extra) throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "tests=0123456789abcdef0123");
    values.put("ingest.spool.dir", spoolDir.toString());
    values.put("kafka.bootstrap.servers", "127.0.0.1:1");
    values.put("schema.registry.url", "http://127.0.0.1:1");
    values.putAll(extra);
    return IngestServer.start(
        IngestConfig.fromMap(values), publisher, new IngestMetrics(), Clock.systemUTC());
  }

  private HttpResponse<String> get(IngestServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswerAClientOverItsRequestRateWith429AndRetryAfter() throws Exception {
    try (IngestServer server =
        start(
            Map.of(
                "ingest.client.max.requests.per.second", "5", "ingest.retry.after.seconds", "3"))) {
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(get(server, "/healthz"));
      }
      List<HttpResponse<String>> refused =
          answers.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(refused).isNotEmpty();
      assertThat(answers.get(0).statusCode()).isEqualTo(200);
      assertThat(refused.get(0).headers().firstValue("Retry-After")).hasValue("3");
      assertThat(refused.get(0).body()).contains("\"error\":\"rate_limited\"");
    }
  }

  @Test
  void shouldAskKafkaAndTheRegistryForReadinessOnceAPeriod() throws Exception {
    try (IngestServer server = start(Map.of("ingest.ready.cache.ms", "60000"))) {
      for (int i = 0; i < 20; i++) {
        assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      }
      assertThat(publisher.readyCalls()).isEqualTo(1);
    }
  }

  @Test
  void shouldBoundTheCallsWaitingForAGrpcThread() throws Exception {
    try (IngestServer server = start(Map.of("ingest.grpc.max.queued.calls", "123"))) {
      assertThat(server.grpcQueuedCallsCapacity()).isEqualTo(123);
    }
  }
}
