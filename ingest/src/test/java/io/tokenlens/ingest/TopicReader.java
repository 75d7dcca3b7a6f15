package io.tokenlens.ingest;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning for tests: the values of the records with {@code key}, until
 * {@code expected} of them arrived or the timeout passed, then one more short poll so duplicates
 * would show.
 */
public final class TopicReader {
  private TopicReader() {}

  public static <V extends SpecificRecord> List<V> read(
      Map<String, Object> kafka,
      String registryUrl,
      Topic<V> topic,
      String topicName,
      String key,
      int expected,
      Duration timeout) {
    return records(kafka, registryUrl, topic, topicName, key, expected, timeout).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /**
   * As {@link #read}, the whole records (key, timestamp, value; the value is null for a tombstone).
   */
  public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> records(
      Map<String, Object> kafka,
      String registryUrl,
      Topic<V> topic,
      String topicName,
      String key,
      int expected,
      Duration timeout) {
    Map<String, Object> config = new java.util.HashMap<>(kafka);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registryUrl));
        KafkaConsumer<String, V> consumer =
            new KafkaConsumer<>(
                config, new StringDeserializer(), serdes.valueDeserializer(topic))) {
      consumer.subscribe(List.of(topicName));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        add(consumer.poll(Duration.ofMillis(200)), key, records);
      }
      // one more short poll so a test also sees records beyond the expected count (duplicates)
      add(consumer.poll(Duration.ofMillis(500)), key, records);
    }
    return records;
  }

  private static <V> void add(
      Iterable<ConsumerRecord<String, V>> polled,
      String key,
      List<ConsumerRecord<String, V>> into) {
    for (ConsumerRecord<String, V> r : polled) {
      if (key.equals(r.key())) {
        into.add(r);
      }
    }
  }
}
