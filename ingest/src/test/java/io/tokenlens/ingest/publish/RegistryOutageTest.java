package io.tokenlens.ingest.publish;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.schemas.topics.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A registry that answers 5xx is an outage (back-pressure, retried), not a refusal of the record.
 */
class RegistryOutageTest {

  @Test
  void shouldTreatARegistryAnswering503AsBackPressure() throws Exception {
    HttpServer registry =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext(
        "/",
        exchange -> {
          byte[] body =
              "{\"error_code\":50301,\"message\":\"no writer elected\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", "application/vnd.schemaregistry.v1+json");
          exchange.sendResponseHeaders(503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    registry.start();
    try {
      IngestConfig config =
          IngestConfig.fromMap(
              Map.of(
                  "ingest.auth.required",
                  "false",
                  "kafka.bootstrap.servers",
                  "127.0.0.1:1",
                  "schema.registry.url",
                  "http://127.0.0.1:" + registry.getAddress().getPort(),
                  "max.retries",
                  "0"));
      try (KafkaPublisher publisher =
          new KafkaPublisher(
              config.kafka(), config.serdes(), config.topics(), 10, new IngestMetrics())) {
        assertThatThrownBy(
                () ->
                    publisher.publish(
                        List.of(
                            new PendingRecord<>(
                                Topics.PR_EVENTS, PullRequests.anOpenedPr().build())),
                        AuthenticatedBy.NOBODY))
            .isInstanceOf(BackPressureException.class)
            .hasMessageContaining("503");
      }
    } finally {
      registry.stop(0);
    }
  }
}
