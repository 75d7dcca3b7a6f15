package io.tokenlens.streams.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.streams.config.NotifierConfig;
import io.tokenlens.testkit.StackPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierPartsTest {

  @Test
  void shouldKeepTheLastDeliveredKeysInCommitMetadataUnderTheBrokerLimit() {
    SentAlerts sent = new SentAlerts();
    for (int i = 0; i < SentAlerts.CAPACITY + 5; i++) {
      sent.add(SentAlerts.keyOf("alert-" + i));
    }
    String metadata = sent.toMetadata();
    assertThat(metadata.length()).isLessThan(4096);

    SentAlerts restored = SentAlerts.fromMetadata(metadata);
    assertThat(restored.contains(SentAlerts.keyOf("alert-" + (SentAlerts.CAPACITY + 4)))).isTrue();
    assertThat(restored.contains(SentAlerts.keyOf("alert-5"))).isTrue();
    assertThat(restored.contains(SentAlerts.keyOf("alert-4"))).isFalse(); // the oldest fell out
    assertThat(SentAlerts.fromMetadata("").contains(SentAlerts.keyOf("alert-1"))).isFalse();
  }

  @Test
  void shouldRetryServerErrorsAndThrottlingButNotOtherClientErrors() {
    assertThat(WebhookClient.classify(200)).isEqualTo(WebhookClient.Outcome.DELIVERED);
    assertThat(WebhookClient.classify(204)).isEqualTo(WebhookClient.Outcome.DELIVERED);
    assertThat(WebhookClient.classify(429)).isEqualTo(WebhookClient.Outcome.RETRY);
    assertThat(WebhookClient.classify(503)).isEqualTo(WebhookClient.Outcome.RETRY);
    assertThat(WebhookClient.classify(404)).isEqualTo(WebhookClient.Outcome.REJECTED);
  }

  @Test
  void shouldDoubleTheBackoffUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(350));
    assertThat(backoff.attempts()).isEqualTo(3);
  }

  @Test
  void shouldReportEveryInvalidNotifierSettingAtOnce() {
    Map<String, String> values = new HashMap<>();
    values.put(NotifierConfig.WEBHOOK_URL, "ftp://example.com/x");
    values.put(NotifierConfig.INITIAL_BACKOFF_MS, "1000");
    values.put(NotifierConfig.MAX_BACKOFF_MS, "10");
    values.put("kafka.isolation.level", "read_uncommitted");

    assertThatThrownBy(() -> NotifierConfig.fromMap(values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.bootstrap.servers is required")
        .hasMessageContaining("notifier.webhook.url must be an http or https URL")
        .hasMessageContaining(
            "notifier.retry.max.backoff.ms (10) must be at least notifier.retry.initial.backoff.ms")
        .hasMessageContaining("kafka.isolation.level cannot be set");
  }

  @Test
  void shouldReadCommittedWithoutAutoCommitAndNoWebhookByDefault() {
    NotifierConfig config = defaults();
    assertThat(config.webhookUrl()).isNull();
    assertThat(config.consumerProperties())
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("group.id", "tokenlens-alert-notifier")
        .containsEntry("auto.offset.reset", "latest");
  }

  @Test
  void shouldHoldARestoredSubjectToTheWindowItRecordedBeforeARestart() {
    Instant start = Instant.parse("2026-03-02T10:00:00Z");
    SubjectRateLimit before = new SubjectRateLimit(2, Duration.ofHours(1));
    before.take("ENGINEER:eng-1", start);
    before.take("ENGINEER:eng-1", start.plusSeconds(60));
    before.take("ENGINEER:eng-1", start.plusSeconds(120)); // held back
    String recorded = RateLimitLog.format(before.state("ENGINEER:eng-1"));

    SubjectRateLimit after = new SubjectRateLimit(2, Duration.ofHours(1));
    after.restore("ENGINEER:eng-1", RateLimitLog.parse(recorded));

    assertThat(after.take("ENGINEER:eng-1", start.plusSeconds(1800))).isEqualTo(-1);
    assertThat(after.take("ENGINEER:eng-2", start.plusSeconds(1800))).isZero();
    assertThat(after.take("ENGINEER:eng-1", start.plusSeconds(3600)))
        .as("the next window tells of the two held back")
        .isEqualTo(2);
    assertThat(RateLimitLog.parse("not a window")).isNull();
  }

  @Test
  void shouldServeHealthOnItsOwnPortByDefault() {
    NotifierConfig config = defaults();
    assertThat(config.healthHost()).isEqualTo("127.0.0.1");
    // the port the unit tests hold as beside a running stack (the testkit's StackPorts)
    assertThat(config.healthPort()).isEqualTo(StackPorts.NOTIFIER_HEALTH_PORT).isEqualTo(9466);
  }

  private static NotifierConfig defaults() {
    return NotifierConfig.fromMap(
        Map.of(
            "kafka.bootstrap.servers", "localhost:9092", "schema.registry.url", "mock://notifier"));
  }
}
