package io.tokenlens.simulator;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes records the way the loaders of {@code ./tokenlens load} and {@code import} do: keyed as
 * the catalog says, acknowledged by every replica, flushed before returning.
 */
final class RecordPublisher {
  private RecordPublisher() {}

  /**
   * @param topicName the topic's name (with any prefix)
   * @param serdeProperties the registry settings ({@code schema.registry.url}, ...)
   * @return how many records were published
   */
  static <V extends SpecificRecord> int publish(
      String bootstrapServers,
      Topic<V> topic,
      String topicName,
      Map<String, ?> serdeProperties,
      List<V> values) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (TopicSerdes serdes = new TopicSerdes(serdeProperties);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (V value : values) {
        producer.send(
            new ProducerRecord<>(
                topicName,
                topic.key(value),
                serdes.valueSerializer(topic).serialize(topicName, value)));
      }
      producer.flush();
    }
    return values.size();
  }
}
