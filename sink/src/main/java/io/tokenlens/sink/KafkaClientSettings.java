package io.tokenlens.sink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The sink's Kafka client settings, split between its two clients: {@code kafka.consumer.*} keys go
 * to the consumer only, {@code kafka.producer.*} keys to the dead-letter producer only, and any
 * other {@code kafka.*} key to each client that knows it ({@code kafka.max.poll.records} to the
 * consumer, {@code kafka.linger.ms} to the producer, {@code kafka.security.protocol} to both; a key
 * neither knows goes to both). A client's own prefix wins over the shared key. Settings that would
 * break the delivery guarantees are refused, naming the key as given.
 *
 * @param consumer the consumer's settings, without prefixes
 * @param producer the dead-letter producer's settings, without prefixes
 */
public record KafkaClientSettings(Map<String, String> consumer, Map<String, String> producer) {

  public static final String PREFIX = "kafka.";
  public static final String CONSUMER_PREFIX = PREFIX + "consumer.";
  public static final String PRODUCER_PREFIX = PREFIX + "producer.";

  private static final Set<String> CONSUMER_KEYS = ConsumerConfig.configNames();
  private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();

  public KafkaClientSettings {
    consumer = Map.copyOf(consumer);
    producer = Map.copyOf(producer);
  }

  /**
   * Splits the {@code kafka.*} keys of {@code values} ({@code bootstrap.servers} and {@code
   * group.id} excepted, which the sink sets itself); every refused setting is added to {@code
   * errors}.
   */
  public static KafkaClientSettings split(
      Map<String, String> values, String groupIdKey, List<String> errors) {
    Map<String, String> consumer = new LinkedHashMap<>();
    Map<String, String> producer = new LinkedHashMap<>();
    Map<String, String> consumerSource = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (!key.startsWith(PREFIX)
              || key.startsWith(CONSUMER_PREFIX)
              || key.startsWith(PRODUCER_PREFIX)) {
            return;
          }
          String name = key.substring(PREFIX.length());
          if (name.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            return;
          }
          boolean known = CONSUMER_KEYS.contains(name) || PRODUCER_KEYS.contains(name);
          if (CONSUMER_KEYS.contains(name) || !known) {
            consumer.put(name, value);
            consumerSource.put(name, key);
          }
          if (PRODUCER_KEYS.contains(name) || !known) {
            producer.put(name, value);
          }
        });
    values.forEach(
        (key, value) -> {
          if (key.startsWith(CONSUMER_PREFIX) && key.length() > CONSUMER_PREFIX.length()) {
            consumer.put(key.substring(CONSUMER_PREFIX.length()), value);
            consumerSource.put(key.substring(CONSUMER_PREFIX.length()), key);
          } else if (key.startsWith(PRODUCER_PREFIX) && key.length() > PRODUCER_PREFIX.length()) {
            producer.put(key.substring(PRODUCER_PREFIX.length()), value);
          }
        });
    if ("true".equalsIgnoreCase(trimmed(consumer.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)))) {
      errors.add(
          consumerSource.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)
              + "=true is not allowed: the sink "
              + "commits offsets itself, only after ClickHouse acknowledged the insert; auto-commit would lose rows on a "
              + "crash");
    }
    String isolation = trimmed(consumer.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
    if (isolation != null && !"read_committed".equals(isolation)) {
      errors.add(
          consumerSource.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)
              + " must be read_committed: otherwise "
              + "records of aborted Kafka Streams transactions would reach ClickHouse");
    }
    if (consumer.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      errors.add(
          consumerSource.get(ConsumerConfig.GROUP_ID_CONFIG)
              + " is not used: set "
              + groupIdKey
              + " instead");
    }
    return new KafkaClientSettings(consumer, producer);
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }
}
