package io.tokenlens.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.RollupDimension;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.HealthSettings;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on the real broker and registry with exactly-once: killed mid-stream (closed at once,
 * without cleanup and without waiting for the open transaction) and restarted on the same state
 * directory, it leaves every enriched event, every rollup and every dead letter exactly once, with
 * no gaps, and collector retries still deduplicated; closed, it leaves its consumer group.
 */
@StackTest
class StreamsExactlyOnceIT {

  private static final Logger log = LoggerFactory.getLogger(StreamsExactlyOnceIT.class);
  private static final Duration WAIT = Waits.LONG;
  private static final int ENGINEERS = 20;
  private static final int FIRST = 20_000;
  private static final int SECOND = 5_000;
  private static final int RETRIES = 1_000;

  @TempDir Path stateDir;

  @Test
  void shouldLeaveNoDuplicatesAndNoGapsWhenKilledMidStreamAndRestarted(StackScope stack)
      throws Exception {
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      StreamsAppConfig config = config(stack);
      new TopicProvisioner(admin, config.topicSettings(), Duration.ofSeconds(30)).provisionAll();
      try (TopicSerdes serdes = new TopicSerdes(config.serdeProperties())) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        List<TokenUsage> first = usages("a", FIRST, base);
        List<TokenUsage> second = usages("b", SECOND, base.plus(Duration.ofMinutes(5)));
        try (KafkaProducer<String, byte[]> producer = producer(stack)) {
          for (int e = 0; e < ENGINEERS; e++) {
            send(
                producer,
                serdes,
                config,
                Topics.DIRECTORY,
                DirectoryEntries.anEmailIdentity("eng-" + e).build());
            send(
                producer,
                serdes,
                config,
                Topics.DIRECTORY,
                DirectoryEntries.anEngineer("eng-" + e, "team-" + e % 4).build());
          }
          ModelPrices.fixturePrices()
              .forEach(p -> send(producer, serdes, config, Topics.MODEL_PRICES, p));
          producer.send(
              new ProducerRecord<>(
                  config.topicSettings().name(Topics.TOKEN_USAGE),
                  "garbage-key",
                  "not avro".getBytes(StandardCharsets.UTF_8)));
          first.forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          producer.flush();

          Process running = startProcess(config);
          try {
            Waits.until(
                "2,000 enriched events committed by the streams process (log: "
                    + processLog()
                    + ")",
                WAIT,
                () -> {
                  if (!running.isAlive()) {
                    throw new IllegalStateException(
                        "the streams process exited with "
                            + running.exitValue()
                            + "; its log ends with:\n"
                            + logTail(40));
                  }
                  return committedCount(stack, config, Topics.TOKEN_USAGE_ENRICHED);
                },
                n -> n >= 2_000);
          } finally {
            running
                .destroyForcibly()
                .waitFor(); // SIGKILL: the open transaction stays open, no state cleanup
          }
          log.info(
              "Killed after {} of {} enriched events were committed",
              committedCount(stack, config, Topics.TOKEN_USAGE_ENRICHED),
              FIRST);

          // while it is down: more events, and collector retries of events it may or may not have
          // processed
          second.forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          first
              .subList(FIRST - RETRIES, FIRST)
              .forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          first
              .subList(0, RETRIES)
              .forEach(u -> send(producer, serdes, config, Topics.TOKEN_USAGE, u));
          producer.flush();

          try (StreamsApp restarted = new StreamsApp(config)) {
            restarted.start();
            int expected = FIRST + SECOND + 1;
            List<TokenUsage> enriched = new ArrayList<>();
            try (KafkaConsumer<String, TokenUsage> consumer =
                consumer(stack, serdes, config, Topics.TOKEN_USAGE_ENRICHED)) {
              Waits.until(
                  "the first " + (FIRST + SECOND) + " enriched events after the restart",
                  WAIT,
                  () -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> enriched.add(r.value()));
                    return enriched.size();
                  },
                  n -> n >= FIRST + SECOND);
              // then a request an hour later closes its task's minute windows; the other tasks
              // forward theirs once idle
              send(
                  producer,
                  serdes,
                  config,
                  Topics.TOKEN_USAGE,
                  TokenUsages.aRequest()
                      .eventId("closer")
                      .engineer("eng-0")
                      .unresolved()
                      .session("closer")
                      .at(base.plus(Duration.ofHours(1)))
                      .build());
              producer.flush();
              Waits.until(
                  "all " + expected + " enriched events, the closing one included",
                  WAIT,
                  () -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> enriched.add(r.value()));
                    return enriched.size();
                  },
                  n -> n >= expected);
              enriched.addAll(drain(consumer));
            }
            Set<String> produced = new java.util.HashSet<>();
            first.forEach(u -> produced.add(u.getEventId()));
            second.forEach(u -> produced.add(u.getEventId()));
            produced.add("closer");
            assertThat(enriched).hasSize(expected);
            assertThat(enriched.stream().map(TokenUsage::getEventId).collect(Collectors.toSet()))
                .isEqualTo(produced);
            assertThat(enriched)
                .allSatisfy(
                    u -> {
                      assertThat(u.getTeam()).startsWith("team-");
                      assertThat(u.getComputedCostUsd()).isPositive();
                    });

            List<UsageRollup> rollups = new ArrayList<>();
            try (KafkaConsumer<String, UsageRollup> consumer =
                consumer(stack, serdes, config, Topics.USAGE_ROLLUPS)) {
              // the closing request counts too: its task forwards its window once no request came
              // for a while
              Waits.until(
                  "model rollups counting " + (FIRST + SECOND + 1) + " requests",
                  WAIT,
                  () -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> rollups.add(r.value()));
                    return modelRequests(rollups);
                  },
                  n -> n >= FIRST + SECOND + 1);
              rollups.addAll(drain(consumer));
            }
            assertThat(modelRequests(rollups)).isEqualTo(FIRST + SECOND + 1);
            // a window is re-emitted with a higher version per partial sum; the same version twice
            // is a duplicate
            assertThat(
                    rollups.stream()
                        .map(r -> Topics.USAGE_ROLLUPS.key(r) + " v" + r.getVersion())
                        .distinct()
                        .count())
                .isEqualTo(rollups.size());

            try (KafkaConsumer<String, DeadLetter> consumer =
                consumer(
                    stack,
                    serdes,
                    config,
                    Topics.deadLetterTopic(Topics.TOKEN_USAGE).orElseThrow())) {
              List<DeadLetter> letters = new ArrayList<>();
              try {
                Waits.until(
                    "the dead letter of the garbage record",
                    WAIT,
                    () -> {
                      consumer.poll(Duration.ofMillis(500)).forEach(r -> letters.add(r.value()));
                      return letters.size();
                    },
                    n -> n > 0);
              } catch (AssertionError e) {
                throw new AssertionError(
                    e.getMessage() + "\n" + deadLetterDiagnosis(stack, config), e);
              }
              letters.addAll(drain(consumer));
              assertThat(letters)
                  .as(
                      () ->
                          "dead letters of the garbage record (one expected)\n"
                              + deadLetterDiagnosis(stack, config))
                  .singleElement()
                  .satisfies(
                      l -> {
                        assertThat(l.getSourceTopic())
                            .isEqualTo(config.topicSettings().name(Topics.TOKEN_USAGE));
                        assertThat(l.getSourceOffset()).isNotNull();
                        assertThat(l.getKey()).isEqualTo("garbage-key");
                      });
            }
          }
          // closed, the instance left its group: its tasks move at once, not after the 45 s
          // session timeout
          String group = values.get(StreamsAppConfig.APPLICATION_ID);
          Waits.until(
              "the closed instance gone from its consumer group",
              Duration.ofSeconds(10),
              () ->
                  admin
                      .describeConsumerGroups(List.of(group))
                      .all()
                      .get()
                      .get(group)
                      .members()
                      .isEmpty());
        }
      }
    }
  }

  /**
   * The job in its own JVM, as {@code ./tokenlens streams} runs it, configured through a properties
   * file.
   */
  private Process startProcess(StreamsAppConfig config) throws IOException {
    Path file = stateDir.resolve("streams.properties");
    Properties properties = new Properties();
    values.forEach(properties::setProperty);
    properties.setProperty(
        HealthSettings.PORT, "0"); // any free port: a running demo holds the default
    try (var out = Files.newOutputStream(file)) {
      properties.store(out, "StreamsExactlyOnceIT");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            StreamsMain.class.getName(),
            file.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("TOKENLENS_"));
    Files.createDirectories(processLog().getParent());
    builder.redirectErrorStream(true).redirectOutput(processLog().toFile());
    log.info("Starting the streams job as a process; log in {}", processLog().toAbsolutePath());
    return builder.start();
  }

  /** The killed process's log, kept under target/ after the test so a CI failure can be read. */
  private static Path processLog() {
    return Path.of("target", "it-logs", "StreamsExactlyOnceIT-streams-process.log");
  }

  private static String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(processLog());
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + processLog() + ": " + e + ")";
    }
  }

  /**
   * Tells a lost dead letter from a late or duplicated one: the letters readable with
   * read_committed and with read_uncommitted (a letter only the latter sees was in an aborted or
   * still open transaction), partitions whose last stable offset is behind their end (an open
   * transaction), and what the killed process logged about the record.
   */
  private static String deadLetterDiagnosis(StackScope stack, StreamsAppConfig config) {
    String topic =
        config.topicSettings().name(Topics.deadLetterTopic(Topics.TOKEN_USAGE).orElseThrow());
    StringBuilder out = new StringBuilder("Dead-letter topic ").append(topic).append(":\n");
    for (String isolation : List.of("read_committed", "read_uncommitted")) {
      Map<String, Object> c = readCommitted(stack);
      c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              c,
              new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
              new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        int records = 0;
        for (int empty = 0; empty < 2; ) {
          int n = consumer.poll(Duration.ofSeconds(1)).count();
          records += n;
          empty = n == 0 ? empty + 1 : 0;
        }
        out.append("  ")
            .append(isolation)
            .append(": ")
            .append(records)
            .append(" record(s); end offsets ")
            .append(consumer.endOffsets(partitions))
            .append('\n');
      } catch (RuntimeException e) {
        out.append("  ").append(isolation).append(": cannot read (").append(e).append(")\n");
      }
    }
    out.append(
            "  (a read_committed end offset below the read_uncommitted one is an open transaction; a letter seen ")
        .append("only read_uncommitted was aborted)\n");
    try {
      List<String> mentions =
          Files.readAllLines(processLog()).stream()
              .filter(
                  l ->
                      l.contains("Cannot deserialise")
                          || l.contains("garbage-key")
                          || l.contains("ERROR")
                          || l.contains("Fenced")
                          || l.contains("abort"))
              .limit(40)
              .toList();
      out.append("Killed process log (")
          .append(processLog().toAbsolutePath())
          .append("), lines about it:\n  ")
          .append(mentions.isEmpty() ? "(none)" : String.join("\n  ", mentions));
    } catch (IOException e) {
      out.append("cannot read ").append(processLog()).append(": ").append(e);
    }
    return out.toString();
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
      out.add(
          TokenUsages.aRequest()
              .eventId(prefix + "-" + i)
              .engineer("eng-" + i % ENGINEERS)
              .unresolved()
              .session(prefix + "-s-" + i % 97)
              .tokens(100 + i % 13, 1000, 0, 50)
              .at(from.plusMillis(i * 10L))
              .build());
    }
    return out;
  }

  /**
   * Requests of the model rollups, each window at its highest version (the upsert topic's latest
   * value).
   */
  private static long modelRequests(List<UsageRollup> rollups) {
    return rollups.stream()
        .filter(r -> r.getDimension() == RollupDimension.MODEL)
        .collect(
            Collectors.toMap(
                Topics.USAGE_ROLLUPS::key,
                r -> r,
                (a, b) -> a.getVersion() >= b.getVersion() ? a : b))
        .values()
        .stream()
        .mapToLong(UsageRollup::getRequests)
        .sum();
  }

  private static <V extends SpecificRecord> void send(
      KafkaProducer<String, byte[]> producer,
      TopicSerdes serdes,
      StreamsAppConfig config,
      Topic<V> topic,
      V value) {
    String name = config.topicSettings().name(topic);
    producer.send(
        new ProducerRecord<>(
            name, topic.key(value), serdes.valueSerializer(topic).serialize(name, value)));
  }

  private static KafkaProducer<String, byte[]> producer(StackScope stack) {
    Map<String, Object> c = stack.kafkaConfig();
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
  }

  private static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(
      StackScope stack, TopicSerdes serdes, StreamsAppConfig config, Topic<V> topic) {
    Map<String, Object> c = stack.kafkaConfig();
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), serdes.valueDeserializer(topic));
    String name = config.topicSettings().name(topic);
    List<TopicPartition> partitions =
        consumer.partitionsFor(name).stream()
            .map(p -> new TopicPartition(name, p.partition()))
            .toList();
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

  /**
   * Committed records on {@code topic}: the sum of its read_committed end offsets minus transaction
   * markers.
   */
  private static long committedCount(
      StackScope stack, StreamsAppConfig config, Topic<TokenUsage> topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            readCommitted(stack),
            new StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      String name = config.topicSettings().name(topic);
      List<TopicPartition> partitions =
          consumer.partitionsFor(name).stream()
              .map(p -> new TopicPartition(name, p.partition()))
              .toList();
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
