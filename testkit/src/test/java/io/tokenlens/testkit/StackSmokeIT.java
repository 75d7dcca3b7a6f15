package io.tokenlens.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The stack works end to end through the real clients: the broker and ClickHouse via JDBC. */
@StackTest
class StackSmokeIT {

  @Test
  void shouldProduceAndConsumeThroughTheBroker(StackScope stack) throws Exception {
    String topic = stack.createTopics(3, "smoke").get(0);
    Map<String, Object> producerConfig = stack.kafkaConfig();
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 100; i++) {
        producer.send(new ProducerRecord<>(topic, "session-" + (i % 7), "event-" + i)).get();
      }
    }

    Map<String, Object> consumerConfig = stack.kafkaConfig();
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, stack.topicPrefix() + "smoke-reader");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < 100 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    assertThat(values).hasSize(100).contains("event-0", "event-99").doesNotHaveDuplicates();
  }

  @Test
  void shouldBatchInsertAndQueryThroughClickHouseJdbc(StackScope stack) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE TABLE smoke_usage (
            occurred_at DateTime64(3, 'UTC'),
            event_id UUID,
            team LowCardinality(String),
            model LowCardinality(String),
            input_tokens UInt32,
            output_tokens UInt32,
            cost_usd Float64
          ) ENGINE = MergeTree ORDER BY (team, occurred_at)""");

      Instant start = Instant.parse("2026-11-01T00:00:00Z");
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO smoke_usage VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 100_000; i++) {
          insert.setTimestamp(1, Timestamp.from(start.plusMillis(i * 10L)));
          insert.setObject(2, UUID.nameUUIDFromBytes(("e" + i).getBytes()));
          insert.setString(3, "team-" + (i % 4));
          insert.setString(4, i % 2 == 0 ? "claude-sonnet-4-5" : "gpt-5");
          insert.setLong(5, 1000 + i % 100);
          insert.setLong(6, 10 + i % 10);
          insert.setDouble(7, 0.001);
          insert.addBatch();
        }
        insert.executeBatch();
      }

      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(), uniqExact(event_id), sum(input_tokens) FROM smoke_usage")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(100_000);
        assertThat(rs.getLong(2)).isEqualTo(100_000);
        long expectedInput = 0;
        for (int i = 0; i < 100_000; i++) {
          expectedInput += 1000 + i % 100;
        }
        assertThat(rs.getLong(3)).isEqualTo(expectedInput);
      }

      Map<String, Long> perTeam = new LinkedHashMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT team, count() AS n FROM smoke_usage GROUP BY team ORDER BY team")) {
        while (rs.next()) {
          perTeam.put(rs.getString("team"), rs.getLong("n"));
        }
      }
      assertThat(perTeam)
          .containsExactly(
              Map.entry("team-0", 25_000L),
              Map.entry("team-1", 25_000L),
              Map.entry("team-2", 25_000L),
              Map.entry("team-3", 25_000L));

      try (ResultSet rs = s.executeQuery("SELECT max(occurred_at) FROM smoke_usage")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(start.plusMillis(99_999 * 10L));
      }
    }
  }

  @Test
  void shouldSurfaceQueryErrorsWithClickHouseErrorCodes(StackScope stack) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM table_that_does_not_exist"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(60))
          .hasMessageContaining("UNKNOWN_TABLE");
      assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(62));
    }
  }
}
