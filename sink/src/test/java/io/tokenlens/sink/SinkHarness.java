package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.testkit.StackScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs sinks against the test stack on a prefixed set of topics, produces records, reads
 * ClickHouse.
 */
final class SinkHarness implements AutoCloseable {

  private final StackScope stack;
  private final String prefix;
  private final String registryUrl;
  private final TopicSerdes serdes;
  private final KafkaProducer<byte[], byte[]> rawProducer;
  private final List<RunningSink> running = new ArrayList<>();

  /** Topics of this harness are {@code <class prefix><name>.<catalog name>}. */
  SinkHarness(StackScope stack, String name) {
    this(stack, name, stack.schemaRegistryUrl());
  }

  /** Producing, and the sink's configuration, use the registry at {@code registryUrl}. */
  SinkHarness(StackScope stack, String name, String registryUrl) {
    this.stack = stack;
    this.prefix = stack.topicPrefix() + name + ".";
    this.registryUrl = registryUrl;
    this.serdes = new TopicSerdes(Map.of("schema.registry.url", registryUrl));
    Map<String, Object> config = new HashMap<>(stack.kafkaConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    this.rawProducer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Creates the catalog topics (and their dead-letter topics) under this harness's prefix. */
  SinkHarness createTopics(int partitions, Topic<?>... topics) {
    List<String> names = new ArrayList<>();
    for (Topic<?> t : topics) {
      names.add(prefixWithinClass() + t.name());
      if (t.hasDeadLetterTopic()) {
        names.add(prefixWithinClass() + t.deadLetterName());
      }
    }
    stack.createTopics(partitions, names.toArray(String[]::new));
    return this;
  }

  private String prefixWithinClass() {
    return prefix.substring(stack.topicPrefix().length());
  }

  String topicName(Topic<?> topic) {
    return prefix + topic.name();
  }

  /** Sink configuration for this harness's topics and the class's database. */
  Map<String, String> config(Topic<?>... topics) {
    Map<String, String> c = new HashMap<>();
    c.put(SinkConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    c.put(SinkConfig.SCHEMA_REGISTRY_URL, registryUrl);
    c.put(SinkConfig.CLICKHOUSE_URL, stack.clickhouseJdbcUrl());
    c.put(SinkConfig.GROUP_ID, prefix + "sink");
    c.put(
        SinkConfig.TOPICS,
        String.join(",", java.util.Arrays.stream(topics).map(Topic::name).toList()));
    c.put("topics.name.prefix", prefix);
    c.put(SinkConfig.BATCH_MAX_ROWS, "1000");
    c.put(SinkConfig.BATCH_MAX_WAIT_MS, "200");
    c.put(SinkConfig.RETRY_INITIAL_BACKOFF_MS, "100");
    c.put(SinkConfig.RETRY_MAX_BACKOFF_MS, "1000");
    c.put(SinkConfig.METRICS_PORT, "-1");
    return c;
  }

  /** Applies the migrations to the class's database. */
  void migrate(Map<String, String> config) throws Exception {
    SinkMain.applyMigrations(SinkConfig.fromMap(config));
  }

  /** Starts a sink in a background thread. */
  RunningSink start(Map<String, String> config, OffsetCommitter committer) {
    SinkMetrics metrics = new SinkMetrics();
    SinkService service = new SinkService(SinkConfig.fromMap(config), metrics, committer);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                service.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "sink-under-test");
    thread.start();
    RunningSink sink = new RunningSink(service, metrics, thread, failure);
    running.add(sink);
    return sink;
  }

  RunningSink start(Map<String, String> config) {
    return start(config, OffsetCommitter.SYNC);
  }

  /** Produces {@code values} to the topic, keyed as the catalog says. */
  @SuppressWarnings("unchecked")
  <V extends SpecificRecord> void produce(Topic<V> topic, List<? extends SpecificRecord> values)
      throws Exception {
    var serializer = serdes.valueSerializer(topic);
    String name = topicName(topic);
    for (SpecificRecord v : values) {
      V value = (V) v;
      rawProducer.send(
          new ProducerRecord<>(
              name,
              topic.key(value).getBytes(java.nio.charset.StandardCharsets.UTF_8),
              serializer.serialize(name, value)));
    }
    rawProducer.flush();
  }

  /** Produces {@code value} to the topic, keyed as the catalog says, with one record header. */
  @SuppressWarnings("unchecked")
  <V extends SpecificRecord> void produceWithHeader(
      Topic<V> topic, SpecificRecord value, String header, String headerValue) throws Exception {
    String name = topicName(topic);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            name,
            topic.key((V) value).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            serdes.valueSerializer(topic).serialize(name, (V) value));
    record.headers().add(header, headerValue.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    rawProducer.send(record);
    rawProducer.flush();
  }

  /** Produces raw bytes (e.g. a payload that is not Avro) to the topic. */
  void produceRaw(Topic<?> topic, String key, byte[] value) {
    rawProducer.send(
        new ProducerRecord<>(
            topicName(topic), key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
    rawProducer.flush();
  }

  TopicSerdes serdes() {
    return serdes;
  }

  /** The single number a query returns. */
  long number(String sql) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Waits until {@code sql} returns {@code expected}. Gives up at once when the sink started last
   * has died (its failure is the cause), and on timeout names the last value the query returned.
   */
  void awaitNumber(String sql, long expected, Duration timeout) {
    RunningSink latest = running.isEmpty() ? null : running.get(running.size() - 1);
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .failFast(
            "the sink under test stopped with a failure",
            () -> {
              Throwable failure = latest == null ? null : latest.failure().get();
              if (failure != null) {
                throw new AssertionError("the sink under test stopped: " + failure, failure);
              }
            })
        .untilAsserted(() -> assertThat(number(sql)).as(sql).isEqualTo(expected));
  }

  /**
   * Waits until the dead-letter topic of {@code topic} holds letters for {@code expected} distinct
   * source offsets (a letter sent again after a crash counts once), and fails if it holds more.
   */
  void awaitDeadLetters(Topic<?> topic, int expected, Duration timeout) {
    Map<String, Object> config = new HashMap<>(stack.kafkaConfig());
    config.put("group.id", prefix + "dlq-reader-" + System.nanoTime());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    String dlq = topicName(topic) + "-dlq";
    var deserializer =
        serdes.valueDeserializer(
            io.tokenlens.schemas.topics.Topics.deadLetterTopic(topic).orElseThrow());
    java.util.Set<Long> offsets = new java.util.HashSet<>();
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(
            config, new org.apache.kafka.common.serialization.StringDeserializer(), deserializer)) {
      consumer.subscribe(List.of(dlq));
      io.tokenlens.testkit.Waits.until(
          "dead letters of " + expected + " records on " + dlq,
          timeout,
          () -> {
            for (var r : consumer.poll(Duration.ofMillis(200))) {
              offsets.add(((io.tokenlens.schemas.avro.DeadLetter) r.value()).getSourceOffset());
            }
            return offsets.size();
          },
          n -> n >= expected);
    }
    assertThat(offsets).hasSize(expected);
  }

  @Override
  public void close() throws Exception {
    for (RunningSink s : running) {
      s.stop();
    }
    rawProducer.close();
    serdes.close();
  }

  /** A sink running in a thread. */
  record RunningSink(
      SinkService service, SinkMetrics metrics, Thread thread, AtomicReference<Throwable> failure) {
    void stop() throws InterruptedException {
      if (thread.isAlive()) {
        service.stop();
        thread.join(30_000);
      }
      service.close();
    }
  }
}
