package io.tokenlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.wire.ClaudeCodeMetrics;
import io.tokenlens.simulator.wire.Encoder;
import io.tokenlens.simulator.wire.Scenario;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small organisation (20 engineers, one day, planted waste, duplicates and a late batch) sent
 * through a real ingest service into the stack's Kafka: each topic holds exactly the simulated
 * events, duplicate deliveries arriving again under the same event id; {@code usage-metrics} every
 * Claude Code token-counter data point.
 */
@StackTest
class SimulateIT {
  private static final String KEY = "simulate-it-key-0123456789";
  private static final String GITHUB = "simulate-github-0123456789";
  private static final String PAGERDUTY = "simulate-pagerduty-0123456789";
  private static final List<Topic<?>> TOPICS =
      List.of(
          Topics.TOKEN_USAGE,
          Topics.AGENT_ACTIVITY,
          Topics.PR_EVENTS,
          Topics.PR_REVIEWS,
          Topics.INCIDENT_EVENTS,
          Topics.DIRECTORY);

  private static IngestServer server;
  private static StackScope stack;

  @BeforeAll
  static void startIngest(StackScope scope, @TempDir Path spool) throws Exception {
    stack = scope;
    List<String> names = new ArrayList<>();
    for (Topic<?> t : TOPICS) {
      names.add(t.name());
      names.add(t.name() + "-dlq");
    }
    names.add(Topics.USAGE_METRICS.name());
    names.add(Topics.USAGE_METRICS.name() + "-dlq");
    names.add(Topics.MODEL_PRICES.name());
    names.add(Topics.CODE_PUSHES.name());
    names.add(Topics.CODE_PUSHES.name() + "-dlq");
    stack.createTopics(2, names.toArray(String[]::new));
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.enabled", "false");
    values.put("ingest.admin.api.keys", "sim=" + KEY);
    values.put("ingest.github.webhook.secret", GITHUB);
    values.put("ingest.pagerduty.webhook.secret", PAGERDUTY);
    values.put("ingest.webhook.replay.tolerance.seconds", "0");
    values.put("ingest.spool.dir", Files.createDirectories(spool.resolve("spool")).toString());
    values.put("kafka.bootstrap.servers", stack.bootstrapServers());
    values.put("schema.registry.url", stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    server = IngestServer.start(IngestConfig.fromMap(values));
  }

  @AfterAll
  static void stopIngest() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everySimulatedEventLandsOnItsTopicOnceByEventId(@TempDir Path dir) throws Exception {
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    SimulateOptions options =
        SimulateOptions.parse(
            new String[] {
              "--engineers",
              "20",
              "--teams",
              "4",
              "--days",
              "1",
              "--seed",
              "21",
              "--waste-rate",
              "0.3",
              "--duplicate-rate",
              "0.05",
              "--end",
              end.toString(),
              "--labels",
              dir.resolve("labels.jsonl").toString(),
              "--ingest-url",
              "http://127.0.0.1:" + server.port(),
              "--api-key",
              KEY,
              "--github-secret",
              GITHUB,
              "--pagerduty-secret",
              PAGERDUTY
            },
            Map.of());

    SimulationRun.Result result =
        new SimulationRun(options, new PrintStream(OutputStream.nullOutputStream())).run();

    assertThat(result.failures()).isZero();
    assertThat(result.plan().duplicates()).isPositive();
    Map<String, Set<String>> expected =
        result.timeline().events().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.topic().name(),
                    Collectors.mapping(SimulateIT::eventId, Collectors.toSet())));
    assertThat(expected.keySet())
        .contains(
            Topics.TOKEN_USAGE.name(),
            Topics.AGENT_ACTIVITY.name(),
            Topics.PR_EVENTS.name(),
            Topics.PR_REVIEWS.name(),
            Topics.INCIDENT_EVENTS.name());
    for (Topic<?> topic : TOPICS.subList(0, 5)) {
      Set<String> want = expected.get(topic.name());
      List<String> got = new ArrayList<>();
      try (KafkaConsumer<String, ? extends SpecificRecord> consumer = consumer(topic)) {
        Waits.until(
            "the " + want.size() + " simulated event ids on " + topic.name(),
            Waits.LONG,
            () -> {
              consumer.poll(Duration.ofMillis(300)).forEach(r -> got.add(eventId(r)));
              return new HashSet<>(got);
            },
            want::equals);
      }
      assertThat(got)
          .as(topic.name() + ": duplicates keep their event id")
          .hasSizeGreaterThanOrEqualTo(want.size());
    }
    long points =
        new Encoder(Scenario.DEFAULTS, GITHUB, PAGERDUTY)
            .encode(result.timeline()).stream()
                .mapToLong(d -> d.items().getOrDefault(ClaudeCodeMetrics.POINT, 0))
                .sum();
    try (KafkaConsumer<String, ? extends SpecificRecord> consumer =
        consumer(Topics.USAGE_METRICS)) {
      Set<String> ids = new HashSet<>();
      Waits.until(
          points + " distinct data points on usage-metrics",
          Waits.LONG,
          () -> {
            consumer.poll(Duration.ofMillis(300)).forEach(r -> ids.add(eventId(r)));
            return ids.size();
          },
          n -> n == points);
    }
    try (KafkaConsumer<String, ? extends SpecificRecord> consumer = consumer(Topics.DIRECTORY)) {
      List<String> keys = new ArrayList<>();
      int entries = result.directory().items().get("directory entry");
      Waits.until(
          entries + " directory entries",
          Waits.LONG,
          () -> {
            consumer.poll(Duration.ofMillis(300)).forEach(r -> keys.add(r.key()));
            return keys.size();
          },
          n -> n == entries);
      assertThat(keys)
          .contains(
              "engineer:eng-0001",
              "identity:EMAIL:eng-0001@acme.example",
              "repository:acme/edge-01");
    }
  }

  private static KafkaConsumer<String, ? extends SpecificRecord> consumer(Topic<?> topic) {
    Map<String, Object> config = new HashMap<>(stack.kafkaConfig());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "simulate-it-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", stack.schemaRegistryUrl()));
    KafkaConsumer<String, ? extends SpecificRecord> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), serdes.valueDeserializer(topic));
    consumer.subscribe(List.of(stack.topic(topic.name())));
    return consumer;
  }

  private static String eventId(GeneratedEvent e) {
    return eventId(e.value());
  }

  private static String eventId(ConsumerRecord<String, ? extends SpecificRecord> r) {
    return eventId(r.value());
  }

  private static String eventId(SpecificRecord r) {
    return String.valueOf(r.get(r.getSchema().getField("eventId").pos()));
  }
}
