package io.tokenlens.streams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BudgetPeriod;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.NotifierConfig;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.health.HealthServer;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier on the real broker and registry, posting to a real HTTP server on 127.0.0.1 acting
 * as the webhook receiver: committed alerts delivered once each with a Slack-compatible body and an
 * idempotency key, a failed delivery retried, an aborted alert never sent, a repeated alert id and
 * an unreadable record skipped, and nothing sent twice after a restart; a waste finding notified
 * once per cost step next to a budget alert, as generic JSON, across a restart; a subject's rate
 * limit held across a restart; {@code /health} and {@code /metrics} following assignment and a
 * refused delivery.
 */
@StackTest
class AlertNotifierIT {

  private static final Duration WAIT = Waits.LONG;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request the receiver got, and what it answered. */
  record Delivery(String idempotencyKey, String alertId, String body, int status) {}

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private HttpServer receiver;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks/alerts",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String alertId = exchange.getRequestHeaders().getFirst(WebhookClient.ALERT_ID);
          boolean firstTryOfB =
              alertId.startsWith("B")
                  && deliveries.stream().noneMatch(d -> d.alertId().equals(alertId));
          int status = alertId.startsWith("Z") ? 400 : firstTryOfB ? 503 : 200;
          deliveries.add(
              new Delivery(
                  exchange.getRequestHeaders().getFirst(WebhookClient.IDEMPOTENCY_KEY),
                  alertId,
                  body,
                  status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void shouldDeliverEachCommittedAlertOnceAcrossRetriesDuplicatesAndRestarts(StackScope stack)
      throws Exception {
    stack.createTopics(2, Topics.BURN_ALERTS.name(), Topics.WASTE_FINDINGS.name());
    NotifierConfig config = config(stack, "", Map.of());
    String topic = config.topicSettings().name(Topics.BURN_ALERTS);
    try (TopicSerdes serdes = new TopicSerdes(config.serdeProperties());
        KafkaProducer<String, byte[]> producer = transactionalProducer(stack)) {
      producer.initTransactions();
      send(
          producer,
          serdes,
          topic,
          true,
          alert("A-1", "eng-1"),
          alert("B-1", "eng-2"),
          alert("A-1", "eng-1"));
      send(producer, serdes, topic, false, alert("X-aborted", "eng-1"));

      runUntil(config, () -> delivered("A-1") == 1 && delivered("B-1") == 1);

      assertThat(deliveries)
          .filteredOn(d -> d.alertId().equals("B-1"))
          .extracting(Delivery::status)
          .containsExactly(503, 200); // retried after the failure
      assertThat(deliveries).extracting(Delivery::alertId).doesNotContain("X-aborted");
      Delivery a =
          deliveries.stream().filter(d -> d.alertId().equals("A-1")).findFirst().orElseThrow();
      assertThat(a.idempotencyKey()).isEqualTo(SentAlerts.keyOf("A-1")).hasSize(32);
      JsonNode body = JSON.readTree(a.body());
      assertThat(body.get("text").asText())
          .isEqualTo("Engineer eng-1 reached 80% of its daily budget");
      assertThat(body.get("blocks")).isNotEmpty();
      assertThat(body.get("blocks").get(0).get("type").asText()).isEqualTo("header");
      assertThat(body.get("blocks").get(0).get("text").get("text").asText())
          .isEqualTo("80% of AI budget reached: engineer eng-1");
      assertThat(body.toString()).contains("*Budget*\\n$10.00", "A-1");

      // restarted: resumes after the delivered alerts; an unreadable record is skipped, and so is a
      // repeated id
      producer.beginTransaction();
      producer.send(
          new ProducerRecord<>(
              topic, "ENGINEER:eng-1", "not an alert".getBytes(StandardCharsets.UTF_8)));
      producer.commitTransaction();
      send(producer, serdes, topic, true, alert("C-1", "eng-1"), alert("B-1", "eng-2"));
      runUntil(config, () -> delivered("C-1") == 1);
    }
    assertThat(delivered("A-1")).isEqualTo(1);
    assertThat(delivered("B-1")).isEqualTo(1);
    assertThat(deliveries).extracting(Delivery::alertId).doesNotContain("X-aborted");
  }

  @Test
  void shouldNotifyAFindingOncePerCostStepAndABudgetAlertOnceAcrossARestart(StackScope stack)
      throws Exception {
    String own = "findings."; // topics and group of this test's own, beside the other test's
    stack.createTopics(2, own + Topics.BURN_ALERTS.name(), own + Topics.WASTE_FINDINGS.name());
    NotifierConfig config =
        config(
            stack,
            own,
            Map.of(
                NotifierConfig.FORMAT,
                "json",
                NotifierConfig.FINDING_MIN_USD,
                "1.0",
                NotifierConfig.FINDING_GROWTH,
                "2.0"));
    String alerts = config.topicSettings().name(Topics.BURN_ALERTS);
    String findings = config.topicSettings().name(Topics.WASTE_FINDINGS);
    String findingId = finding(1, 0.5).getFindingId();
    try (TopicSerdes serdes = new TopicSerdes(config.serdeProperties());
        KafkaProducer<String, byte[]> producer = transactionalProducer(stack)) {
      producer.initTransactions();
      producer.beginTransaction();
      sendFinding(producer, serdes, findings, finding(1, 0.5)); // under the minimum: not notified
      sendFinding(producer, serdes, findings, finding(2, 1.5));
      producer.send(
          new ProducerRecord<>(
              alerts,
              "TEAM:payments",
              serdes
                  .valueSerializer(Topics.BURN_ALERTS)
                  .serialize(alerts, alert("A-team", "eng-1"))));
      producer.commitTransaction();
      runUntil(config, () -> delivered(findingId) == 1 && delivered("A-team") == 1);

      producer.beginTransaction();
      sendFinding(producer, serdes, findings, finding(3, 1.9)); // the same step: not again
      sendFinding(producer, serdes, findings, finding(4, 3.2)); // doubled: notified as grown
      producer.send(
          new ProducerRecord<>(
              alerts,
              "TEAM:payments",
              serdes
                  .valueSerializer(Topics.BURN_ALERTS)
                  .serialize(alerts, alert("A-team", "eng-1"))));
      producer.commitTransaction();
      runUntil(config, () -> delivered(findingId) == 2);
      Thread.sleep(1000); // nothing else may follow
    }
    assertThat(delivered("A-team")).isEqualTo(1);
    List<Delivery> found = deliveries.stream().filter(d -> d.alertId().equals(findingId)).toList();
    assertThat(found)
        .extracting(Delivery::idempotencyKey)
        .containsExactly(SentAlerts.keyOf(findingId + "#0"), SentAlerts.keyOf(findingId + "#1"));
    JsonNode grown = JSON.readTree(found.get(1).body());
    assertThat(grown.get("source").asText()).isEqualTo("finding");
    assertThat(grown.get("title").asText()).startsWith("Looping agent (grown)");
    assertThat(grown.get("fields").get("Estimated waste").asText()).isEqualTo("$3.20");
    assertThat(grown.get("evidence").asText())
        .contains("FROM waste_findings FINAL WHERE finding_id = '" + findingId);
  }

  @Test
  void shouldKeepEachSubjectsRateLimitAndSendNothingTwiceAcrossARestart(StackScope stack)
      throws Exception {
    NotifierConfig config = ownTopics(stack, "restart.", Map.of(NotifierConfig.RATE_LIMIT, "2"));
    String topic = config.topicSettings().name(Topics.BURN_ALERTS);
    try (TopicSerdes serdes = new TopicSerdes(config.serdeProperties());
        KafkaProducer<String, byte[]> producer = transactionalProducer(stack)) {
      producer.initTransactions();
      send(
          producer,
          serdes,
          topic,
          true,
          alert("R-1", "eng-9"),
          alert("R-2", "eng-9"),
          alert("R-3", "eng-9"));
      runUntil(
          config,
          notifier -> delivered("R-1") == 1 && delivered("R-2") == 1 && notifier.suppressed() == 1);

      // restarted within the hour: eng-9 has used its two, a repeated id is still known
      send(
          producer,
          serdes,
          topic,
          true,
          alert("R-4", "eng-9"),
          alert("R-1", "eng-9"),
          alert("S-1", "eng-8"));
      runUntil(
          config,
          notifier ->
              delivered("S-1") == 1
                  && notifier.suppressed() == 1
                  && notifier.metrics().contains("tokenlens_notifier_deduplicated_total 1\n"));
    }
    assertThat(deliveries)
        .extracting(Delivery::alertId)
        .containsExactlyInAnyOrder("R-1", "R-2", "S-1");
  }

  @Test
  void shouldReportHealthyWhileAssignedAndUnhealthyAfterARefusedDelivery(StackScope stack)
      throws Exception {
    NotifierConfig config = ownTopics(stack, "health.", Map.of(NotifierConfig.HEALTH_PORT, "0"));
    String topic = config.topicSettings().name(Topics.BURN_ALERTS);
    AlertNotifier notifier = new AlertNotifier(config);
    Thread loop = new Thread(notifier::run, "notifier-under-test");
    HttpClient http = HttpClient.newHttpClient();
    try (HealthServer server = AlertNotifierMain.startHealthServer(config, notifier);
        TopicSerdes serdes = new TopicSerdes(config.serdeProperties());
        KafkaProducer<String, byte[]> producer = transactionalProducer(stack)) {
      URI health = URI.create("http://127.0.0.1:" + server.port() + "/health");
      URI metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      assertThat(get(http, health)).startsWith("503 NOT_ASSIGNED");

      loop.start();
      Waits.until("assigned", WAIT, () -> get(http, health).startsWith("200 DELIVERING"));
      producer.initTransactions();
      send(producer, serdes, topic, true, alert("Z-1", "eng-7"));
      Waits.until("the refusal", WAIT, () -> get(http, health).startsWith("503 REFUSED Z-1"));
      assertThat(get(http, metrics))
          .contains(
              "tokenlens_notifier_failed_total 1\n", "tokenlens_notifier_delivered_total 0\n");

      send(producer, serdes, topic, true, alert("H-1", "eng-7"));
      Waits.until("the next delivery", WAIT, () -> get(http, health).startsWith("200 DELIVERING"));
      assertThat(get(http, metrics)).contains("tokenlens_notifier_delivered_total 1\n");
    } finally {
      notifier.close();
      loop.join(WAIT.toMillis());
    }
    assertThat(delivered("H-1")).isEqualTo(1);
  }

  /** The status and body of a GET. */
  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static WasteFinding finding(long version, double usd) {
    return OutputRecords.aLoopingAgentFinding()
        .setVersion(version)
        .setEstimatedWastedCostUsd(usd)
        .build();
  }

  private static void sendFinding(
      KafkaProducer<String, byte[]> producer,
      TopicSerdes serdes,
      String topic,
      WasteFinding finding) {
    producer.send(
        new ProducerRecord<>(
            topic,
            Topics.WASTE_FINDINGS.key(finding),
            serdes.valueSerializer(Topics.WASTE_FINDINGS).serialize(topic, finding)));
  }

  private long delivered(String alertId) {
    return deliveries.stream()
        .filter(d -> d.alertId().equals(alertId) && d.status() == 200)
        .count();
  }

  /** What a running notifier is awaited to have done. */
  private interface Done {
    boolean by(AlertNotifier notifier) throws Exception;
  }

  /** Runs a notifier until {@code done}, then stops it and waits for its thread. */
  private static void runUntil(NotifierConfig config, java.util.concurrent.Callable<Boolean> done)
      throws InterruptedException {
    runUntil(config, notifier -> done.call());
  }

  /** Runs a notifier until {@code done} by it, then stops it and waits for its thread. */
  private static void runUntil(NotifierConfig config, Done done) throws InterruptedException {
    AlertNotifier notifier = new AlertNotifier(config);
    Thread loop = new Thread(notifier::run, "notifier-under-test");
    loop.start();
    try {
      Waits.until("the notifier to deliver what the test awaits", WAIT, () -> done.by(notifier));
    } finally {
      notifier.close();
      loop.join(WAIT.toMillis());
    }
    assertThat(loop.isAlive()).isFalse();
  }

  /** The configuration of a notifier on topics and a group of the test's own, created here. */
  private NotifierConfig ownTopics(StackScope stack, String own, Map<String, String> more) {
    stack.createTopics(2, own + Topics.BURN_ALERTS.name(), own + Topics.WASTE_FINDINGS.name());
    return config(stack, own, more);
  }

  private NotifierConfig config(StackScope stack, String own, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    values.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    values.put(TopicSettings.NAME_PREFIX, stack.topicPrefix() + own);
    values.put(NotifierConfig.GROUP_ID, stack.topicPrefix() + own + "notifier");
    values.put(
        NotifierConfig.WEBHOOK_URL,
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/alerts");
    values.put(NotifierConfig.INITIAL_BACKOFF_MS, "50");
    values.put(NotifierConfig.MAX_BACKOFF_MS, "200");
    values.put("kafka.auto.offset.reset", "earliest");
    values.putIfAbsent(NotifierConfig.HEALTH_PORT, "-1");
    return NotifierConfig.fromMap(values);
  }

  private static BurnAlert alert(String alertId, String engineer) {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    return BurnAlert.newBuilder()
        .setAlertId(alertId)
        .setKind(AlertKind.BUDGET_80_PERCENT)
        .setSubjectKind(SubjectKind.ENGINEER)
        .setSubjectId(engineer)
        .setTeam("payments")
        .setBudgetPeriod(BudgetPeriod.DAILY)
        .setWindowStart(day)
        .setWindowEnd(day.plus(Duration.ofDays(1)))
        .setRaisedAt(day.plus(Duration.ofHours(15)))
        .setObservedUsd(8.5)
        .setThresholdUsd(8.0)
        .setBudgetUsd(10.0)
        .setMessage("Engineer " + engineer + " reached 80% of its daily budget")
        .build();
  }

  private static void send(
      KafkaProducer<String, byte[]> producer,
      TopicSerdes serdes,
      String topic,
      boolean commit,
      BurnAlert... alerts) {
    producer.beginTransaction();
    for (BurnAlert alert : alerts) {
      producer.send(
          new ProducerRecord<>(
              topic,
              Topics.BURN_ALERTS.key(alert),
              serdes.valueSerializer(Topics.BURN_ALERTS).serialize(topic, alert)));
    }
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.flush();
      producer.abortTransaction();
    }
  }

  private static KafkaProducer<String, byte[]> transactionalProducer(StackScope stack) {
    Map<String, Object> c = stack.kafkaConfig();
    c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, stack.topicPrefix() + "alerts-producer");
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
  }
}
