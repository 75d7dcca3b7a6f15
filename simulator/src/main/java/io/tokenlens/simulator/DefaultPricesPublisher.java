package io.tokenlens.simulator;

import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the price table ingest ships ({@link DefaultPrices}) to {@code model-prices}, as {@code
 * ./tokenlens load prices} does: one record per price period, keyed as the catalog says, so a
 * second publication only overwrites the same keys of the compacted topic.
 */
public final class DefaultPricesPublisher {
  private DefaultPricesPublisher() {}

  /**
   * @param topic the {@code model-prices} topic's name (with any prefix)
   * @param serdeProperties the registry settings ({@code schema.registry.url}, ...)
   * @return how many prices were published
   */
  public static int publish(String bootstrapServers, String topic, Map<String, ?> serdeProperties) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    int published = 0;
    try (TopicSerdes serdes = new TopicSerdes(serdeProperties);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (ModelPrice price : DefaultPrices.load(System.currentTimeMillis())) {
        producer.send(
            new ProducerRecord<>(
                topic,
                Topics.MODEL_PRICES.key(price),
                serdes.valueSerializer(Topics.MODEL_PRICES).serialize(topic, price)));
        published++;
      }
      producer.flush();
    }
    return published;
  }
}
