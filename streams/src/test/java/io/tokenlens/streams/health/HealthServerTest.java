package io.tokenlens.streams.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.streams.config.HealthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(HealthServer server, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldReportUnhealthyUntilStreamsRunsAndExposeTheState(@TempDir Path state)
      throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "health-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
        HealthServer server = new HealthServer("127.0.0.1", 0, () -> streams, new Restorations())) {
      HttpResponse<String> health = get(server, "/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).isEqualTo("CREATED\n");

      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("tokenlens_streams_state{state=\"CREATED\"} 1")
          .contains("tokenlens_streams_restoring_stores 0")
          .contains("tokenlens_streams_restored_records_total 0")
          .contains("tokenlens_streams_restoring_seconds_total 0.000");
    }
  }

  @Test
  void shouldCountRestoredRecordsAndTheTimeAnyStoreWasRestoring() {
    AtomicLong nanos = new AtomicLong();
    Restorations restorations = new Restorations(nanos::get);
    TopicPartition dedup = new TopicPartition("app-token-usage-dedup-log-changelog", 0);
    TopicPartition sessions = new TopicPartition("app-sessions-changelog", 0);

    restorations.onRestoreStart(dedup, "token-usage-dedup-log", 0, 700);
    nanos.addAndGet(1_000_000_000L);
    restorations.onRestoreStart(sessions, "sessions", 0, 300);
    restorations.onBatchRestored(dedup, "token-usage-dedup-log", 500, 500);
    restorations.onBatchRestored(sessions, "sessions", 300, 300);
    restorations.onRestoreEnd(sessions, "sessions", 300);
    nanos.addAndGet(500_000_000L);
    assertThat(restorations.restoringSeconds()).isEqualTo(1.5); // the period under way counts
    restorations.onBatchRestored(dedup, "token-usage-dedup-log", 700, 200);
    restorations.onRestoreEnd(dedup, "token-usage-dedup-log", 700);
    nanos.addAndGet(10_000_000_000L); // nothing restoring: not counted

    restorations.onRestoreStart(dedup, "token-usage-dedup-log", 700, 800);
    nanos.addAndGet(250_000_000L);
    restorations.onBatchRestored(dedup, "token-usage-dedup-log", 800, 100);
    restorations.onRestoreSuspended(dedup, "token-usage-dedup-log", 100);

    assertThat(restorations.restoredRecords()).isEqualTo(1_100);
    assertThat(restorations.restoringSeconds()).isEqualTo(1.75);
    assertThat(restorations.now()).isEmpty();
  }

  @Test
  void shouldBeReadyOnlyWhileRunningWithNoStoreRestoring() {
    Restorations restorations = new Restorations();
    TopicPartition changelog = new TopicPartition("app-token-usage-dedup-log-changelog", 3);

    assertThat(HealthServer.health(KafkaStreams.State.REBALANCING, restorations.now()))
        .isEqualTo(new HealthServer.Health(503, "REBALANCING\n"));
    assertThat(HealthServer.health(KafkaStreams.State.RUNNING, restorations.now()))
        .isEqualTo(new HealthServer.Health(200, "RUNNING\n"));

    restorations.onRestoreStart(changelog, "token-usage-dedup-log", 0, 500);
    assertThat(HealthServer.health(KafkaStreams.State.RUNNING, restorations.now()))
        .isEqualTo(
            new HealthServer.Health(
                503, "RESTORING token-usage-dedup-log (app-token-usage-dedup-log-changelog-3)\n"));

    restorations.onRestoreEnd(changelog, "token-usage-dedup-log", 500);
    assertThat(HealthServer.health(KafkaStreams.State.RUNNING, restorations.now()).status())
        .isEqualTo(200);

    restorations.onRestoreStart(changelog, "token-usage-dedup-log", 0, 500);
    restorations.onRestoreSuspended(
        changelog, "token-usage-dedup-log", 20); // the task moved to another instance
    assertThat(restorations.now()).isEmpty();
  }

  @Test
  void shouldReadItsSettingsAndRefuseBadPorts() {
    assertThat(HealthSettings.fromMap(Map.of())).isEqualTo(new HealthSettings("127.0.0.1", 9465));
    assertThat(HealthSettings.fromMap(Map.of(HealthSettings.PORT, "-1")).enabled()).isFalse();
    assertThatThrownBy(
            () ->
                HealthSettings.fromMap(
                    Map.of(HealthSettings.PORT, "70000", HealthSettings.HOST, " ")))
        .hasMessageContaining("streams.health.port must be at most 65535")
        .hasMessageContaining("streams.health.host is required");
  }

  @Test
  void shouldExportRecordsWrittenAndReadPerTopicAndTheJobsCountersOnly() {
    assertThat(
            HealthServer.series(
                new MetricName(
                    "record-send-total",
                    "producer-topic-metrics",
                    "",
                    Map.of("client-id", "p", "topic", "app-rollup-partials-store-changelog"))))
        .isEqualTo(
            "tokenlens_streams_records_written_total{topic=\"app-rollup-partials-store-changelog\"}");
    assertThat(
            HealthServer.series(
                new MetricName(
                    "records-consumed-total",
                    "consumer-fetch-manager-metrics",
                    "",
                    Map.of("client-id", "c", "topic", "token-usage"))))
        .isEqualTo("tokenlens_streams_records_read_total{topic=\"token-usage\"}");
    assertThat(
            HealthServer.series(
                new MetricName(
                    "late-record-total",
                    "stream-tokenlens-metrics",
                    "",
                    Map.of("tokenlens-id", "rollup-partials-store"))))
        .isEqualTo("tokenlens_streams_late_record_total{operator=\"rollup-partials-store\"}");
    assertThat(
            HealthServer.series(
                new MetricName(
                    "record-send-rate", "producer-topic-metrics", "", Map.of("topic", "t"))))
        .isNull();
    assertThat(
            HealthServer.series(
                new MetricName(
                    "records-consumed-total",
                    "consumer-fetch-manager-metrics",
                    "",
                    Map.of("client-id", "c"))))
        .isNull();
  }

  @Test
  void shouldCountAConsumersTopicOnceThoughKafkaReportsItUnderTwoNames() {
    MetricName real =
        new MetricName(
            "records-consumed-total",
            "consumer-fetch-manager-metrics",
            "",
            Map.of("client-id", "c", "topic", "p.token-usage"));
    MetricName deprecated =
        new MetricName(
            "records-consumed-total",
            "consumer-fetch-manager-metrics",
            "",
            Map.of("client-id", "c", "topic", "p_token-usage"));
    MetricName otherClient =
        new MetricName(
            "records-consumed-total",
            "consumer-fetch-manager-metrics",
            "",
            Map.of("client-id", "d", "topic", "p.token-usage"));
    MetricName taskA =
        new MetricName(
            "late-record-total",
            "stream-tokenlens-metrics",
            "",
            Map.of("task-id", "0_1", "tokenlens-id", "x"));
    MetricName taskB =
        new MetricName(
            "late-record-total",
            "stream-tokenlens-metrics",
            "",
            Map.of("task-id", "0_2", "tokenlens-id", "x"));

    assertThat(
            HealthServer.distinct(java.util.List.of(deprecated, real, otherClient, taskA, taskB)))
        .containsExactlyInAnyOrder(real, otherClient, taskA, taskB);
  }
}
