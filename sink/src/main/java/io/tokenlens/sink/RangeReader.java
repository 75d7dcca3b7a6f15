package io.tokenlens.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one offset range of a partition the sink's consumer does not hold, for an insert whose
 * recorded plan names it ({@link GroupRecovery}): a consumer of its own, without a group (it
 * commits nothing and takes no partition from anyone), {@code read_committed} like the sink's.
 * Created at the first read. Not thread-safe.
 */
final class RangeReader implements AutoCloseable {

  private final Map<String, Object> config;
  private KafkaConsumer<byte[], byte[]> consumer;

  /**
   * @param consumerConfig the sink consumer's configuration; its group settings are dropped
   */
  RangeReader(Map<String, Object> consumerConfig) {
    Map<String, Object> c = new HashMap<>(consumerConfig);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    c.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest"); // a range partly gone to retention: what is left
    this.config = c;
  }

  /**
   * The records of {@code partition} with offsets in {@code range}, in offset order (compaction or
   * transaction markers may leave gaps).
   *
   * @throws TimeoutException when the range was not read whole within {@code timeout}
   */
  List<ConsumerRecord<byte[], byte[]>> read(
      TopicPartition partition, BatchPlan range, Duration timeout) {
    if (consumer == null) {
      consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    consumer.assign(List.of(partition));
    consumer.seek(partition, range.firstOffset());
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (consumer.position(partition, timeout) <= range.lastOffset()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException(
            "Offsets "
                + range.firstOffset()
                + "-"
                + range.lastOffset()
                + " of "
                + partition
                + " not read within "
                + timeout.toMillis()
                + " ms");
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.offset() >= range.firstOffset() && r.offset() <= range.lastOffset()) {
          records.add(r);
        }
      }
    }
    consumer.assign(List.of());
    return records;
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
