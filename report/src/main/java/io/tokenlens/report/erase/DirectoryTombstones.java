package io.tokenlens.report.erase;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tombstones (null values) for a person's keys on the compacted directory topic: the streams job's
 * global {@code directory-store} drops the identities at once, and compaction removes the earlier
 * values from the log. The sink stores each tombstone as a {@code deleted = 1} row whose {@code
 * entry_key} still names the identity, so {@link #awaitSink} waits for the sink's consumer group to
 * pass them before the ClickHouse pass deletes those rows.
 */
public final class DirectoryTombstones implements AutoCloseable {

  private final String topic;
  private final Map<String, Object> kafka;
  private final KafkaProducer<String, byte[]> producer;

  /** {@code topic} is the directory topic's full name; {@code kafka} the client configuration. */
  public DirectoryTombstones(String topic, Map<String, Object> kafka) {
    this.topic = topic;
    this.kafka = Map.copyOf(kafka);
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Publishes one tombstone per key and waits for the broker's acknowledgement.
   *
   * @return the offset after the last tombstone, per partition
   */
  public Map<TopicPartition, Long> publish(Set<String> keys)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (String key : new TreeSet<>(keys)) {
      RecordMetadata m = producer.send(new ProducerRecord<>(topic, key, null)).get();
      ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
    }
    producer.flush();
    return ends;
  }

  /**
   * Waits up to {@code timeout} until consumer group {@code group} has committed at least {@code
   * ends}.
   *
   * @return whether it has; false at once when the group has no running member (the sink is not
   *     running)
   */
  public boolean awaitSink(String group, Map<TopicPartition, Long> ends, Duration timeout)
      throws InterruptedException, ExecutionException {
    if (ends.isEmpty()) {
      return true;
    }
    try (Admin admin = Admin.create(kafka)) {
      Instant deadline = Instant.now().plus(timeout);
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        if (ends.entrySet().stream()
            .allMatch(
                e ->
                    committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
          return true;
        }
        if (!hasMembers(admin, group) || Instant.now().isAfter(deadline)) {
          return false;
        }
        Thread.sleep(250);
      }
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /** Whether the group exists and has a running member. */
  private static boolean hasMembers(Admin admin, String group)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    try {
      ConsumerGroupDescription description =
          admin
              .describeConsumerGroups(Set.of(group))
              .describedGroups()
              .get(group)
              .get(10, TimeUnit.SECONDS);
      return !description.members().isEmpty() && description.groupState() != GroupState.DEAD;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
