package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.webhooks.HmacSignatures;
import io.tokenlens.ingest.webhooks.PagerDutyPayloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PagerDuty deliveries whose signed {@code event.occurred_at} is outside the replay tolerance. */
class PagerDutyReplayTest {
  private static final String SECRET = "pagerduty-secret-0123456789";

  /** {@code event.occurred_at} of {@link PagerDutyPayloads#incident}. */
  private static final Instant OCCURRED = Instant.parse("2026-11-22T08:45:22.169Z");

  @TempDir Path spoolDir;

  private int post(Instant now) throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.enabled", "false");
    values.put("ingest.api.keys", "tests=test-key-0123456789abcdef");
    values.put("ingest.pagerduty.webhook.secret", SECRET);
    values.put("ingest.spool.dir", spoolDir.toString());
    values.put("kafka.bootstrap.servers", "127.0.0.1:1");
    values.put("schema.registry.url", "http://127.0.0.1:1");
    byte[] body =
        PagerDutyPayloads.incident("ev-1", "incident.triggered", "triggered", "checkout down")
            .getBytes(StandardCharsets.UTF_8);
    try (IngestServer server =
        IngestServer.start(
            IngestConfig.fromMap(values),
            new RecordingPublisher(),
            new IngestMetrics(),
            Clock.fixed(now, ZoneOffset.UTC))) {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/webhooks/pagerduty"))
                  .header("Content-Type", "application/json")
                  .header(
                      "X-PagerDuty-Signature",
                      "v1=" + HexFormat.of().formatHex(HmacSignatures.hmacSha256(SECRET, body)))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    }
  }

  @Test
  void shouldAcceptADeliveryWithinFiveMinutesOfItsSignedTime() throws Exception {
    assertThat(post(OCCURRED.plusSeconds(290))).isEqualTo(202);
  }

  @Test
  void shouldRefuseADeliveryReplayedLaterThanTheTolerance() throws Exception {
    assertThat(post(OCCURRED.plusSeconds(310))).isEqualTo(401);
    assertThat(post(OCCURRED.minusSeconds(310))).isEqualTo(401);
  }
}
