package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@StackTest
class SinkIT {

  // generous: CI runs the whole build on a small shared machine; a dead sink fails at once instead
  // (SinkHarness)
  private static final Duration WAIT = Waits.LONG;

  @BeforeAll
  static void migrate(StackScope stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack, "migrate")) {
      h.migrate(h.config(Topics.TOKEN_USAGE_ENRICHED));
    }
  }

  static List<TokenUsage> usages(String idPrefix, int count) {
    List<TokenUsage> out = new ArrayList<>();
    Instant t0 = Instant.now().minus(Duration.ofHours(2));
    for (int i = 0; i < count; i++) {
      out.add(
          TokenUsages.aRequest()
              .eventId(idPrefix + "-" + i)
              .at(t0.plusMillis(i * 10L))
              .engineer("eng-" + (i % 7))
              .team("team-" + (i % 3))
              .session(idPrefix + "-session-" + (i % 40))
              .tokens(100 + i % 50, 10, 5, 20)
              .computedCost(0.001)
              .build());
    }
    return out;
  }

  @Test
  void shouldLandEveryRecordExactlyOnce(StackScope stack) throws Exception {
    try (SinkHarness h =
        new SinkHarness(stack, "rows")
            .createTopics(3, Topics.TOKEN_USAGE_ENRICHED, Topics.DIRECTORY)) {
      h.produce(Topics.TOKEN_USAGE_ENRICHED, usages("rows", 5_000));
      DirectoryEntry engineer = DirectoryEntries.anEngineer("eng-rows", "team-a").build();
      h.produce(Topics.DIRECTORY, List.of(engineer));
      h.produceRaw(Topics.DIRECTORY, Topics.DIRECTORY.key(engineer), null);

      SinkHarness.RunningSink sink =
          h.start(h.config(Topics.TOKEN_USAGE_ENRICHED, Topics.DIRECTORY));

      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'rows-%'", 5_000, WAIT);
      assertThat(
              h.number("SELECT uniqExact(event_id) FROM token_usage WHERE event_id LIKE 'rows-%'"))
          .isEqualTo(5_000);
      assertThat(h.number("SELECT sum(input_tokens) FROM token_usage WHERE event_id LIKE 'rows-%'"))
          .isEqualTo(usages("rows", 5_000).stream().mapToLong(TokenUsage::getInputTokens).sum());
      // the hourly and daily tables are fed by materialized views over the append-only table
      assertThat(
              h.number(
                  "SELECT sum(requests) FROM usage_1d WHERE engineer_id LIKE 'eng-%' AND team LIKE 'team-%'"))
          .isGreaterThanOrEqualTo(5_000);
      h.awaitNumber("SELECT count() FROM directory WHERE entry_key = 'engineer:eng-rows'", 2, WAIT);
      assertThat(
              h.number(
                  "SELECT deleted FROM directory WHERE entry_key = 'engineer:eng-rows' ORDER BY version DESC LIMIT 1"))
          .isEqualTo(1);
      Waits.until(
          "5,000 token_usage rows counted as inserted",
          WAIT,
          () -> sink.metrics().counter(SinkMetrics.ROWS_INSERTED_TOTAL, "token_usage"),
          n -> n == 5_000);
      assertThat(sink.failure().get()).isNull();
    }
  }

  @Test
  void shouldLandTheCollectorsCredentialHeaderInTheAuthenticatedByColumn(StackScope stack)
      throws Exception {
    try (SinkHarness h =
        new SinkHarness(stack, "credential").createTopics(1, Topics.TOKEN_USAGE_ENRICHED)) {
      List<TokenUsage> records = usages("credential", 2);
      h.produceWithHeader(
          Topics.TOKEN_USAGE_ENRICHED,
          records.get(0),
          "tokenlens-authenticated-by",
          "api-key:5eec0dc419aa8337");
      h.produce(Topics.TOKEN_USAGE_ENRICHED, List.of(records.get(1)));

      h.start(h.config(Topics.TOKEN_USAGE_ENRICHED));

      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'credential-%'", 2, WAIT);
      assertThat(
              h.number(
                  "SELECT count() FROM token_usage WHERE event_id = '"
                      + records.get(0).getEventId()
                      + "' AND authenticated_by = 'api-key:5eec0dc419aa8337'"))
          .isEqualTo(1);
      assertThat(
              h.number(
                  "SELECT count() FROM token_usage WHERE event_id = '"
                      + records.get(1).getEventId()
                      + "' AND authenticated_by = ''"))
          .isEqualTo(1);
    }
  }

  @Test
  void shouldNotDuplicateWhenTheSinkDiesBetweenInsertAndCommit(StackScope stack) throws Exception {
    try (SinkHarness h =
        new SinkHarness(stack, "crash").createTopics(3, Topics.TOKEN_USAGE_ENRICHED)) {
      List<TokenUsage> records = usages("crash", 3_000);
      h.produce(Topics.TOKEN_USAGE_ENRICHED, records);
      long before = h.number("SELECT sum(requests) FROM usage_1h");

      // The first sink inserts its first batches, then dies before committing past them.
      AtomicInteger postInsertCommits = new AtomicInteger();
      OffsetCommitter crashing =
          (consumer, offsets) -> {
            boolean afterInsert = offsets.values().stream().allMatch(o -> o.metadata().isEmpty());
            if (afterInsert && postInsertCommits.incrementAndGet() == 2) {
              throw new IllegalStateException(
                  "simulated crash after the insert, before the commit");
            }
            consumer.commitSync(offsets);
          };
      Map<String, String> small = h.config(Topics.TOKEN_USAGE_ENRICHED);
      small.put(SinkConfig.BATCH_MAX_ROWS, "300");
      SinkHarness.RunningSink first = h.start(small, crashing);
      first.thread().join(60_000);
      assertThat(first.failure().get()).hasMessageContaining("simulated crash");
      first.stop();
      long landedBeforeRestart =
          h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'crash-%'");
      assertThat(landedBeforeRestart).isGreaterThan(0).isLessThan(3_000);

      // The replacement uses another batch size: only the recorded plans keep the replayed batches
      // identical.
      Map<String, String> large = h.config(Topics.TOKEN_USAGE_ENRICHED);
      large.put(SinkConfig.BATCH_MAX_ROWS, "5000");
      h.start(large);

      h.awaitNumber(
          "SELECT uniqExact(event_id) FROM token_usage WHERE event_id LIKE 'crash-%'", 3_000, WAIT);
      assertThat(h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'crash-%'"))
          .isEqualTo(3_000);
      // materialized views are not fed twice either: a deduplicated insert never reaches them
      Waits.until(
          "3,000 more requests in usage_1h",
          WAIT,
          () -> h.number("SELECT sum(requests) FROM usage_1h") - before,
          n -> n >= 3_000);
      assertThat(h.number("SELECT sum(requests) FROM usage_1h") - before).isEqualTo(3_000);
    }
  }

  @Test
  void shouldKeepRecordsAndWaitWhileTheSchemaRegistryIsUnavailable(StackScope stack)
      throws Exception {
    try (SinkHarness h =
            new SinkHarness(stack, "registry").createTopics(2, Topics.TOKEN_USAGE_ENRICHED);
        FlakyRegistry registry = new FlakyRegistry(stack.schemaRegistryUrl())) {
      h.produce(Topics.TOKEN_USAGE_ENRICHED, usages("registry", 400));
      Map<String, String> config = h.config(Topics.TOKEN_USAGE_ENRICHED);
      config.put(SinkConfig.SCHEMA_REGISTRY_URL, registry.url());
      SinkHarness.RunningSink sink = h.start(config);

      // the registry client gives up on each lookup after its retries; the sink must not take that
      // as poison
      Waits.until("12 requests refused by the registry", WAIT, registry::refused, n -> n >= 12);
      assertThat(sink.failure().get()).isNull();
      assertThat(sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, "token_usage")).isZero();
      assertThat(h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'registry-%'"))
          .isZero();

      registry.up();
      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'registry-%'", 400, WAIT);
      assertThat(sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, "token_usage")).isZero();
      assertThat(sink.metrics().counter(SinkMetrics.RECORDS_RECEIVED_TOTAL, "token_usage"))
          .isEqualTo(400);
    }
  }

  @Test
  void shouldSendPoisonRecordsToTheDeadLetterTopicAndKeepFlowing(StackScope stack)
      throws Exception {
    try (SinkHarness h =
        new SinkHarness(stack, "poison").createTopics(1, Topics.TOKEN_USAGE_ENRICHED)) {
      h.produce(Topics.TOKEN_USAGE_ENRICHED, usages("poison-a", 100));
      h.produceRaw(
          Topics.TOKEN_USAGE_ENRICHED,
          "bad-key",
          "not avro at all".getBytes(StandardCharsets.UTF_8));
      h.produce(Topics.TOKEN_USAGE_ENRICHED, usages("poison-b", 100));

      SinkHarness.RunningSink sink = h.start(h.config(Topics.TOKEN_USAGE_ENRICHED));
      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'poison-%'", 200, WAIT);

      Map<String, Object> config = new HashMap<>(stack.kafkaConfig());
      config.put(ConsumerConfig.GROUP_ID_CONFIG, stack.topicPrefix() + "dlq-reader");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      String dlq = h.topicName(Topics.TOKEN_USAGE_ENRICHED) + "-dlq";
      var deserializer =
          h.serdes()
              .valueDeserializer(Topics.deadLetterTopic(Topics.TOKEN_USAGE_ENRICHED).orElseThrow());
      try (KafkaConsumer<String, DeadLetter> consumer =
          new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
        consumer.subscribe(List.of(dlq));
        List<DeadLetter> letters = new ArrayList<>();
        Waits.until(
            "a dead letter on " + dlq,
            WAIT,
            () -> {
              for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(200))) {
                letters.add(r.value());
              }
              return letters.size();
            },
            n -> n > 0);
        DeadLetter letter = letters.get(0);
        assertThat(letter.getSourceOffset()).isEqualTo(100L);
        assertThat(letter.getKey()).isEqualTo("bad-key");
        assertThat(letter.getComponent()).isEqualTo("sink-token-usage-enriched");
        assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
            .isEqualTo("not avro at all");
        assertThat(letter.getErrorMessage()).isNotBlank();
      }
      assertThat(sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, "token_usage"))
          .isEqualTo(1);
    }
  }
}
