package io.tokenlens.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Topic sizes (sum of end offsets) and a bounded read of a topic's first records. */
final class KafkaProbe {

  private final Admin admin;
  private final String bootstrap;

  KafkaProbe(Admin admin, String bootstrap) {
    this.admin = admin;
    this.bootstrap = bootstrap;
  }

  /**
   * Sum of the end offsets of {@code topic}'s partitions: records written, plus transaction markers
   * on topics that exactly-once producers write (so an upper bound of their records).
   */
  long endOffsets(String topic) throws Exception {
    var partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(30, TimeUnit.SECONDS)
            .get(topic)
            .partitions();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(
        p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
        .mapToLong(o -> o.offset())
        .sum();
  }

  /**
   * The offsets a consumer group has still to read: over the partitions it committed an offset for,
   * the end offset minus the committed one (transaction markers included, so a few more than its
   * records).
   */
  long groupLag(String group) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    Map<TopicPartition, Long> committed = new HashMap<>();
    admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(30, TimeUnit.SECONDS)
        .forEach(
            (tp, offset) -> {
              if (offset != null) {
                committed.put(tp, offset.offset());
                request.put(tp, OffsetSpec.latest());
              }
            });
    long lag = 0;
    for (var e : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
      lag += Math.max(0, e.getValue().offset() - committed.get(e.getKey()));
    }
    return lag;
  }

  /** Up to {@code max} committed records of {@code topic} from its beginning (all partitions). */
  List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int max, Duration timeout) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long deadline = System.nanoTime() + timeout.toNanos();
      int empty = 0;
      while (out.size() < max && System.nanoTime() < deadline && empty < 10) {
        var records = consumer.poll(Duration.ofMillis(500));
        empty = records.isEmpty() ? empty + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (out.size() < max) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }
}
