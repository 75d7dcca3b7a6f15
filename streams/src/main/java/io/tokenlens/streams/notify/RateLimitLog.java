package io.tokenlens.streams.notify;

import io.tokenlens.streams.config.NotifierConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The notifier's rate-limit windows, kept in a compacted topic of its own, {@code
 * <group>-rate-limits}: one partition, keyed by subject, valued {@code <window start epoch ms>
 * <sent> <held>}. The notifier records a subject's window after each of its notifications passed or
 * was held back, before committing the offset; at start it reads the topic to its end into {@link
 * SubjectRateLimit}, so a restart keeps every subject's count within its period. Created by the
 * notifier when missing; internal to it, not a catalogued topic.
 */
final class RateLimitLog implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final Map<String, Object> client;
  private final KafkaProducer<String, String> producer;

  RateLimitLog(NotifierConfig config) {
    this.topic = topic(config.groupId());
    this.client = new HashMap<>(config.kafkaOverrides());
    client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    Map<String, Object> p = new HashMap<>(client);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** The topic of the notifier group {@code groupId}. */
  static String topic(String groupId) {
    return groupId + "-rate-limits";
  }

  /**
   * Creates the topic when missing, then reads it to its end into {@code limit}; returns the number
   * of subjects restored.
   */
  int restoreInto(SubjectRateLimit limit) {
    create();
    Map<String, Object> c = new HashMap<>(client);
    c.keySet().removeIf(k -> k.startsWith("group.") || k.equals("auto.offset.reset"));
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, SubjectRateLimit.State> last = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      Instant deadline = Instant.now().plus(TIMEOUT);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read " + topic + " to its end in " + TIMEOUT);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          SubjectRateLimit.State state = parse(r.value());
          if (r.key() != null && state != null) {
            last.put(r.key(), state);
          }
        }
      }
    }
    last.forEach(limit::restore);
    return last.size();
  }

  /** Records the window of {@code subject}; returns once the broker has it. */
  void record(String subject, SubjectRateLimit.State state) {
    try {
      producer.send(new ProducerRecord<>(topic, subject, format(state))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted recording the rate limit of " + subject, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "could not record the rate limit of " + subject + " in " + topic, e.getCause());
    }
  }

  static String format(SubjectRateLimit.State state) {
    return state.start().toEpochMilli() + " " + state.sent() + " " + state.held();
  }

  /** The state a value holds, or null for one that is not a window. */
  static SubjectRateLimit.State parse(String value) {
    String[] parts = value == null ? new String[0] : value.split(" ");
    if (parts.length != 3) {
      return null;
    }
    try {
      return new SubjectRateLimit.State(
          Instant.ofEpochMilli(Long.parseLong(parts[0])),
          Integer.parseInt(parts[1]),
          Integer.parseInt(parts[2]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void create() {
    try (Admin admin = Admin.create(client)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, Optional.of(1), Optional.empty())
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(TIMEOUT);
  }
}
