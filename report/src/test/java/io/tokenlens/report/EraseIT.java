package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.sink.SinkConfig;
import io.tokenlens.sink.SinkMetrics;
import io.tokenlens.sink.SinkService;
import io.tokenlens.sink.SinkTables;
import io.tokenlens.sink.TableMapping;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./tokenlens erase} on the real stack: two engineers' records on every topic the sink
 * stores, landed by a running sink; one is erased, then every table and view of the database is
 * searched for their identities.
 */
@StackTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EraseIT {

  private static final EngineerTraffic ALICE =
      new EngineerTraffic(
          "eng-alice",
          "alice@corp.example",
          "u-alice",
          "alice-gh",
          "Alice Example",
          1,
          "eng-bob",
          "bob-gh");
  private static final EngineerTraffic BOB =
      new EngineerTraffic(
          "eng-bob",
          "bob@corp.example",
          "u-bob",
          "bob-gh",
          "Bob Builder",
          2,
          "eng-alice",
          "alice-gh");

  /** Only in the directory: erased while the sink is not awaited. */
  private static final EngineerTraffic CAROL =
      new EngineerTraffic(
          "eng-carol",
          "carol@corp.example",
          "u-carol",
          "carol-gh",
          "Carol Example",
          3,
          "eng-bob",
          "bob-gh");

  private static SinkService sink;
  private static Thread sinkThread;
  private static TreeSet<String> bobBefore;
  private static double teamCostBefore;

  @BeforeAll
  static void landBothEngineers(StackScope stack) throws Exception {
    ReportFixtures.migrate(stack, stack.database());
    List<String> topics = new ArrayList<>();
    for (TableMapping mapping : SinkTables.all()) {
      topics.add(mapping.topic().name());
      Topics.deadLetterTopic(mapping.topic()).ifPresent(t -> topics.add(t.name()));
    }
    stack.createTopics(1, topics.toArray(String[]::new));
    startSink(stack);

    Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(4));
    try (TopicSerdes serdes =
            new TopicSerdes(Map.of("schema.registry.url", stack.schemaRegistryUrl()));
        KafkaProducer<byte[], byte[]> producer = producer(stack)) {
      var usageSerializer = serdes.valueSerializer(Topics.TOKEN_USAGE);
      Map<String, Long> expected = new LinkedHashMap<>();
      for (EngineerTraffic engineer : List.of(ALICE, BOB)) {
        var records =
            engineer.records(
                t, u -> usageSerializer.serialize(stack.topic(Topics.TOKEN_USAGE.name()), u));
        for (var entry : records.entrySet()) {
          produce(producer, serdes, stack, entry.getKey(), entry.getValue());
          expected.merge(
              SinkTables.forTopic(entry.getKey()).table(),
              (long) entry.getValue().size(),
              Long::sum);
        }
      }
      produce(
          producer,
          serdes,
          stack,
          Topics.DIRECTORY,
          CAROL.records(t, u -> new byte[0]).get(Topics.DIRECTORY));
      expected.merge("directory", 5L, Long::sum);
      producer.flush();
      try (Connection c = stack.openClickHouse()) {
        for (var table : expected.entrySet()) {
          Waits.until(
              "the sink to land " + table.getValue() + " rows in " + table.getKey(),
              Waits.LONG,
              () -> number(c, "SELECT count() FROM " + table.getKey()),
              n -> n >= table.getValue());
        }
        bobBefore = new DatabaseSearch(c, stack.database()).find(BOB.needles());
        teamCostBefore = teamCost(c);
      }
    }
  }

  @AfterAll
  static void stopSink() throws InterruptedException {
    if (sink != null) {
      sink.stop();
      sinkThread.join(30_000);
      sink.close();
      sink = null;
    }
  }

  private static void startSink(StackScope stack) {
    sink = new SinkService(SinkConfig.fromMap(sinkConfig(stack)), new SinkMetrics());
    sinkThread = new Thread(sink::run, "erase-it-sink");
    sinkThread.start();
  }

  @Test
  @Order(1)
  void shouldLeaveNoIdentityOfTheErasedEngineerInAnyTableAndKeepTheColleaguesData(StackScope stack)
      throws Exception {
    try (Connection c = stack.openClickHouse()) {
      DatabaseSearch search = new DatabaseSearch(c, stack.database());
      assertThat(search.find(ALICE.needles()))
          .as("the search finds the engineer before the erasure")
          .contains(
              "token_usage.user_email: alice@corp.example",
              "pull_requests.author_login: alice-gh",
              "pr_reviews.pull_request_author_login: alice-gh",
              "code_pushes.commit_author_emails: alice@corp.example",
              "token_usage_raw.user_email: alice@corp.example",
              "late_records.payload: alice@corp.example",
              "directory.engineer_display_name: Alice Example",
              "usage_metrics.attributes: alice@corp.example");

      Run run = erase(stack, "--engineer", ALICE.engineerId());

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(search.find(ALICE.needles()))
          .as("identities of the erased engineer left in the database")
          .isEmpty();
      assertThat(run.out())
          .contains(
              "kafka: 5 directory tombstones published",
              "kafka: the sink has stored them",
              "erased: 30 rows in 16 tables")
          .containsPattern("pull_requests +pseudonymise +2 rows")
          .containsPattern("token_usage +delete +2 rows")
          .containsPattern("directory +delete +10 rows");
      assertThat(search.find(BOB.needles())).as("the colleague's data").isEqualTo(bobBefore);
      assertThat(number(c, "SELECT count() FROM token_usage WHERE engineer_id = 'eng-bob'"))
          .isEqualTo(2);
      assertThat(teamCost(c))
          .as("the team's cost in usage_1d")
          .isCloseTo(teamCostBefore, Offset.offset(1e-9));
      assertThat(
              number(
                  c,
                  "SELECT count() FROM waste_findings FINAL WHERE engineer_id LIKE 'erased-%' "
                      + "AND finding_id LIKE 'OVERNIGHT_PADDING:erased-%'"))
          .as("the erased engineer's finding, pseudonymised")
          .isEqualTo(1);
      assertThat(
              number(
                  c,
                  "SELECT count() FROM pull_request_state WHERE merged AND author_login LIKE 'erased-%'"))
          .as("the erased engineer's merged pull request still counts, under the pseudonym")
          .isEqualTo(1);
    }
  }

  @Test
  @Order(2)
  void shouldChangeNothingWhenRunAgain(StackScope stack) throws Exception {
    Run run = erase(stack, "--email", ALICE.email(), "--engineer", ALICE.engineerId());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("erased: 0 rows in 0 tables", "kafka: no live directory entries");
  }

  @Test
  @Order(3)
  void shouldHaveTombstonedTheErasedEngineersDirectoryKeys(StackScope stack) {
    Map<String, byte[]> latest = new HashMap<>();
    Map<String, Object> config = new HashMap<>(stack.kafkaConfig());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(stack.topic(Topics.DIRECTORY.name()), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          latest.put(r.key(), r.value());
        }
      }
    }
    Set<String> aliceKeys =
        Set.of(
            "identity:EMAIL:alice@corp.example",
            "identity:USER_ID:u-alice",
            "identity:SCM_LOGIN:alice-gh",
            "engineer:eng-alice",
            "budget:ENGINEER:eng-alice");
    assertThat(aliceKeys).allSatisfy(k -> assertThat(latest).containsEntry(k, null));
    assertThat(latest.get("engineer:eng-bob")).isNotNull();
  }

  @Test
  @Order(4)
  void shouldExitFourWhileTheSinkIsNotRunningAndDeleteTheTombstoneRowsOnTheNextRun(StackScope stack)
      throws Exception {
    stopSink();

    Run first = erase(stack, "--engineer", CAROL.engineerId());

    assertThat(first.exit()).as(first.err()).isEqualTo(EraseMain.SINK_BEHIND);
    assertThat(first.err()).contains("has not stored the directory tombstones yet");
    startSink(stack);
    try (Connection c = stack.openClickHouse()) {
      Waits.until(
          "the sink to store the tombstones of carol's directory entries",
          Waits.LONG,
          () ->
              number(
                  c,
                  "SELECT count() FROM directory WHERE deleted = 1 AND entry_key LIKE '%carol%'"),
          n -> n == 5);
      assertThat(new DatabaseSearch(c, stack.database()).find(CAROL.needles())).isNotEmpty();

      Run second = erase(stack, "--engineer", CAROL.engineerId());

      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out())
          .containsPattern("directory +delete +5 rows +\\(tombstones of erased entries\\)");
      assertThat(new DatabaseSearch(c, stack.database()).find(CAROL.needles())).isEmpty();
    }
  }

  @Test
  void shouldRefuseACommandWithoutAPersonWithExitTwo(StackScope stack) throws Exception {
    Run run = erase(stack);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("name the person with --engineer or --email");
  }

  private record Run(int exit, String out, String err) {}

  private static Run erase(StackScope stack, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env =
        Map.of(
            "TOKENLENS_CLICKHOUSE_URL", stack.clickhouseJdbcUrl(),
            "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
            "TOKENLENS_TOPICS_NAME_PREFIX", stack.topicPrefix(),
            "TOKENLENS_SINK_GROUP_ID", stack.topicPrefix() + "sink");
    int exit =
        EraseMain.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, String> sinkConfig(StackScope stack) {
    Map<String, String> c = new HashMap<>();
    c.put(SinkConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    c.put(SinkConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    c.put(SinkConfig.CLICKHOUSE_URL, stack.clickhouseJdbcUrl());
    c.put(SinkConfig.GROUP_ID, stack.topicPrefix() + "sink");
    c.put("topics.name.prefix", stack.topicPrefix());
    c.put(SinkConfig.BATCH_MAX_WAIT_MS, "200");
    c.put(SinkConfig.BATCH_CATCHUP_MAX_WAIT_MS, "200");
    c.put(SinkConfig.METRICS_PORT, "-1");
    return c;
  }

  private static KafkaProducer<byte[], byte[]> producer(StackScope stack) {
    Map<String, Object> config = new HashMap<>(stack.kafkaConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @SuppressWarnings("unchecked")
  private static <V extends SpecificRecord> void produce(
      KafkaProducer<byte[], byte[]> producer,
      TopicSerdes serdes,
      StackScope stack,
      Topic<V> topic,
      List<? extends SpecificRecord> values) {
    String name = stack.topic(topic.name());
    var serializer = serdes.valueSerializer(topic);
    for (SpecificRecord value : values) {
      V v = (V) value;
      producer.send(
          new ProducerRecord<>(
              name, topic.key(v).getBytes(StandardCharsets.UTF_8), serializer.serialize(name, v)));
    }
  }

  private static double teamCost(Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sum(cost_usd) FROM usage_1d WHERE team = '" + EngineerTraffic.TEAM + "'")) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  private static long number(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
