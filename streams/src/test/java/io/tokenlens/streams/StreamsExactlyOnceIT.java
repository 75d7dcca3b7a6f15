package io.tokenlens.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.RollupDimension;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.fixtures.DirectoryEntries;
import io.tokenlens.testkit.fixtures.ModelPrices;
import io.tokenlens.testkit.fixtures.TokenUsages;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on the real broker and registry with exactly-once: killed mid-stream (closed at once, without cleanup and
 * without waiting for the open transaction) and restarted on the same state directory, it leaves every enriched
 * event, every rollup and every dead letter exactly once, with no gaps, and collector retries still deduplicated.
 */
@StackTest
class StreamsExactlyOnceIT {

  private static final Logger log = LoggerFactory.getLogger(StreamsExactlyOnceIT.class);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int ENGINEERS = 20;
  private static final int FIRST = 20_000;
  private static final int SECOND = 5_000;
  private static final int RETRIES = 1_000;

  @TempDir
  Path stateDir;

  @Test
  void shouldLeaveNoDuplicatesAndNoGapsWhenKilledMidStreamAndRestarted(StackScope stack) throws Exception {
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      StreamsAppConfig config = config(stack);
      new TopicProvisioner(admin, config.topicSettings(), Duration.ofSeconds(30)).provisionAll();
      try (TopicSerdes serdes = new TopicSerdes(config.serdeProperties())) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        List<TokenUsage> first = usages("a", FIRST, base);
        List<TokenUsage> second = usages("b", SECOND, base.plus(Duration.ofMinutes(5)));
        try (KafkaProducer<String, byte[]> producer = producer(stack)) {
          for (int e = 0; e < ENGINEERS; e++) {
            send(producer, serdes, config, Topics.DIRECTORY, DirectoryEntries.anEmailIdentity("eng-" + e).build());
            send(producer, serdes, config, Topics.DIRECTORY, DirectoryEntries.anEngineer("eng-" + e, "team-" + e % 4)
                .build());
          }
          ModelPrices.fixturePrices().forEach(p -> send(producer, serdes, config, Topics.MODEL_PRICES, p));
          producer.send(new ProducerRecord<>(config.topicSettings().name(Topics.TOKEN_USAGE), "garbage-key",
              "not avro".getBytes(StandardCharsets.UTF_8)));
          first.forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          producer.flush();

          Process running = startProcess(config);
          try {
            await().atMost(WAIT).until(() -> committedCount(stack, config, Topics.TOKEN_USAGE_ENRICHED) >= 2_000);
          } finally {
            running.destroyForcibly().waitFor(); // SIGKILL: the open transaction stays open, no state cleanup
          }
          log.info("Killed after {} of {} enriched events were committed",
              committedCount(stack, config, Topics.TOKEN_USAGE_ENRICHED), FIRST);

          // while it is down: more events, and collector retries of events it may or may not have processed
          second.forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          first.subList(FIRST - RETRIES, FIRST).forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          first.subList(0, RETRIES).forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          producer.flush();

        try (StreamsApp restarted = new StreamsApp(config)) {
          restarted.start();
          int expected = FIRST + SECOND + 1;
          List<TokenUsage> enriched = new ArrayList<>();
          try (KafkaConsumer<String, TokenUsage> consumer = consumer(stack, serdes, config, Topics.TOKEN_USAGE_ENRICHED)) {
            await().atMost(WAIT).until(() -> {
              consumer.poll(Duration.ofMillis(500)).forEach(r -> enriched.add(r.value()));
              return enriched.size() >= FIRST + SECOND;
            });
            // then a request an hour later advances stream time so every earlier minute window closes
            send(producer, serdes, config, Topics.TOKEN_USAGE, TokenUsages.aRequest().eventId("closer")
                .engineer("eng-0").unresolved().session("closer").at(base.plus(Duration.ofHours(1))).build());
            producer.flush();
            await().atMost(WAIT).until(() -> {
              consumer.poll(Duration.ofMillis(500)).forEach(r -> enriched.add(r.value()));
              return enriched.size() >= expected;
            });
            enriched.addAll(drain(consumer));
          }
          Set<String> produced = new java.util.HashSet<>();
          first.forEach(u -> produced.add(u.getEventId()));
          second.forEach(u -> produced.add(u.getEventId()));
          produced.add("closer");
          assertThat(enriched).hasSize(expected);
          assertThat(enriched.stream().map(TokenUsage::getEventId).collect(Collectors.toSet())).isEqualTo(produced);
          assertThat(enriched).allSatisfy(u -> {
            assertThat(u.getTeam()).startsWith("team-");
            assertThat(u.getComputedCostUsd()).isPositive();
          });

          List<UsageRollup> rollups = new ArrayList<>();
          try (KafkaConsumer<String, UsageRollup> consumer = consumer(stack, serdes, config, Topics.USAGE_ROLLUPS)) {
            await().atMost(WAIT).until(() -> {
              consumer.poll(Duration.ofMillis(500)).forEach(r -> rollups.add(r.value()));
              return modelRequests(rollups) >= FIRST + SECOND;
            });
            rollups.addAll(drain(consumer));
          }
          assertThat(modelRequests(rollups)).isEqualTo(FIRST + SECOND);
          assertThat(rollups.stream().map(Topics.USAGE_ROLLUPS::key).distinct().count()).isEqualTo(rollups.size());

          try (KafkaConsumer<String, DeadLetter> consumer = consumer(stack, serdes, config,
              Topics.deadLetterTopic(Topics.TOKEN_USAGE).orElseThrow())) {
            List<DeadLetter> letters = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
              consumer.poll(Duration.ofMillis(500)).forEach(r -> letters.add(r.value()));
              return !letters.isEmpty();
            });
            letters.addAll(drain(consumer));
            assertThat(letters).singleElement().satisfies(l -> {
              assertThat(l.getSourceTopic()).isEqualTo(config.topicSettings().name(Topics.TOKEN_USAGE));
              assertThat(l.getSourceOffset()).isNotNull();
              assertThat(l.getKey()).isEqualTo("garbage-key");
            });
          }
        }
        }
      }
    }
  }

  /** The job in its own JVM, as {@code ./tokenlens streams} runs it, configured through a properties file. */
  private Process startProcess(StreamsAppConfig config) throws IOException {
    Path file = stateDir.resolve("streams.properties");
    Properties properties = new Properties();
    values.forEach(properties::setProperty);
    try (var out = Files.newOutputStream(file)) {
      properties.store(out, "StreamsExactlyOnceIT");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        StreamsMain.class.getName(), file.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("TOKENLENS_"));
    builder.redirectErrorStream(true).redirectOutput(stateDir.resolve("streams-process.log").toFile());
    log.info("Starting the streams job as a process; log in {}", stateDir.resolve("streams-process.log"));
    return builder.start();
  }

  private final Map<String, String> values = new HashMap<>();

  private StreamsAppConfig config(StackScope stack) {
    values.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    values.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    values.put(StreamsAppConfig.APPLICATION_ID, stack.topicPrefix() + "streams");
    values.put(StreamsAppConfig.NUM_THREADS, "2");
    values.put(StreamsAppConfig.ROLLUP_GRACE_MS, Long.toString(Duration.ofMinutes(15).toMillis()));
    values.put("topics.name.prefix", stack.topicPrefix());
    values.put("kafka.max.poll.records", "200");
    values.put(StreamsAppConfig.STATE_DIR, stateDir.resolve("state").toString());
    return StreamsAppConfig.fromMap(values);
  }

  /** Events in event-time order, one every 10 ms, spread over engineers and sessions. */
  private static List<TokenUsage> usages(String prefix, int count, Instant from) {
    List<TokenUsage> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(TokenUsages.aRequest().eventId(prefix + "-" + i).engineer("eng-" + i % ENGINEERS).unresolved()
          .session(prefix + "-s-" + i % 97).tokens(100 + i % 13, 1000, 0, 50).at(from.plusMillis(i * 10L)).build());
    }
    return out;
  }

  private static long modelRequests(List<UsageRollup> rollups) {
    return rollups.stream().filter(r -> r.getDimension() == RollupDimension.MODEL).mapToLong(UsageRollup::getRequests)
        .sum();
  }

  private static <V extends SpecificRecord> void send(KafkaProducer<String, byte[]> producer, TopicSerdes serdes,
      StreamsAppConfig config, Topic<V> topic, V value) {
    String name = config.topicSettings().name(topic);
    producer.send(new ProducerRecord<>(name, topic.key(value), serdes.valueSerializer(topic).serialize(name, value)));
  }

  private static KafkaProducer<String, byte[]> producer(StackScope stack) {
    Map<String, Object> c = stack.kafkaConfig();
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
  }

  private static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(StackScope stack, TopicSerdes serdes,
      StreamsAppConfig config, Topic<V> topic) {
    Map<String, Object> c = stack.kafkaConfig();
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        serdes.valueDeserializer(topic));
    String name = config.topicSettings().name(topic);
    List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
        .map(p -> new TopicPartition(name, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /** Everything still readable, until a poll comes back empty. */
  private static <V> List<V> drain(KafkaConsumer<String, V> consumer) {
    List<V> out = new ArrayList<>();
    while (true) {
      List<V> batch = new ArrayList<>();
      consumer.poll(Duration.ofSeconds(2)).forEach(r -> batch.add(r.value()));
      if (batch.isEmpty()) {
        return out;
      }
      out.addAll(batch);
    }
  }

  /** Committed records on {@code topic}: the sum of its read_committed end offsets minus transaction markers. */
  private static long committedCount(StackScope stack, StreamsAppConfig config, Topic<TokenUsage> topic) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(readCommitted(stack), new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      String name = config.topicSettings().name(topic);
      List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
          .map(p -> new TopicPartition(name, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long count = 0;
      for (ConsumerRecord<String, byte[]> ignored : consumer.poll(Duration.ofSeconds(1))) {
        count++;
      }
      return count;
    }
  }

  private static Map<String, Object> readCommitted(StackScope stack) {
    Map<String, Object> c = stack.kafkaConfig();
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return c;
  }
}
