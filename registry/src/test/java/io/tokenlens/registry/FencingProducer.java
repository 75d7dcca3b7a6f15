package io.tokenlens.registry;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plays a new writer: initialises a producer with the registry's transactional id, then leaves. */
final class FencingProducer {
  private FencingProducer() {}

  static void fence(RegistryConfig config) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.initTransactions();
    }
  }
}
