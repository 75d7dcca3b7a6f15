package io.tokenlens.demo;

import io.tokenlens.localstack.StackSettings;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The clients {@link ConsumerLag} needs on the local stack (an admin client and a group-less
 * read_committed consumer), opened together and closed together.
 */
final class LagReader implements AutoCloseable {
  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;
  private final ConsumerLag lag;

  LagReader(StackSettings stack) {
    this.admin =
        Admin.create(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    this.reader =
        new KafkaConsumer<>(
            Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.lag = new ConsumerLag(admin, reader);
  }

  ConsumerLag lag() {
    return lag;
  }

  @Override
  public void close() {
    reader.close();
    admin.close();
  }
}
