package io.tokenlens.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of a consumer group in records: over every partition it committed an offset for or has
 * assigned to a member, the committed records (read_committed) between its committed offset and the
 * last stable offset. An assigned partition without a committed offset counts from its earliest
 * offset.
 *
 * <p>Offsets alone overstate the lag of transactional topics: a transaction's commit marker takes
 * an offset after the last record, and a consumer that has read everything has committed the offset
 * before the marker; aborted records take offsets too. So a small gap (at most {@link #EXACT_BELOW}
 * offsets over all partitions) is counted exactly by reading it with a read_committed consumer; a
 * larger one is reported as its offsets.
 */
final class ConsumerLag {
  static final long EXACT_BELOW = 20_000;
  private static final Duration READ_BOUND = Duration.ofSeconds(3);

  private final Admin admin;
  private final Consumer<byte[], byte[]> reader;

  /**
   * @param reader a read_committed consumer without a group, used to count what lies in a small gap
   */
  ConsumerLag(Admin admin, Consumer<byte[], byte[]> reader) {
    this.admin = admin;
    this.reader = reader;
  }

  long of(String group) throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> committed = new HashMap<>();
    admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get()
        .forEach(
            (tp, offset) -> {
              if (offset != null) {
                committed.put(tp, offset.offset());
              }
            });
    Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
    partitions.addAll(assigned(group));
    Map<TopicPartition, ListOffsetsResultInfo> stable = offsets(partitions, OffsetSpec.latest());
    Set<TopicPartition> uncommitted = new HashSet<>(partitions);
    uncommitted.removeAll(committed.keySet());
    Map<TopicPartition, ListOffsetsResultInfo> earliest =
        offsets(uncommitted, OffsetSpec.earliest());
    Map<TopicPartition, long[]> gaps = new HashMap<>();
    long offsetGap = 0;
    for (TopicPartition tp : partitions) {
      long from = committed.containsKey(tp) ? committed.get(tp) : earliest.get(tp).offset();
      long to = stable.get(tp).offset();
      if (to > from) {
        gaps.put(tp, new long[] {from, to});
        offsetGap += to - from;
      }
    }
    return offsetGap > 0 && offsetGap <= EXACT_BELOW ? recordsIn(gaps) : offsetGap;
  }

  /**
   * The committed records in [from, to) of each partition, read to its end or for at most {@link
   * #READ_BOUND}.
   */
  long recordsIn(Map<TopicPartition, long[]> gaps) {
    reader.assign(gaps.keySet());
    gaps.forEach((tp, range) -> reader.seek(tp, range[0]));
    Set<TopicPartition> open = new HashSet<>(gaps.keySet());
    long records = 0;
    long deadline = System.nanoTime() + READ_BOUND.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
        long[] range = gaps.get(new TopicPartition(r.topic(), r.partition()));
        if (r.offset() < range[1]) {
          records++;
        }
      }
      open.removeIf(tp -> reader.position(tp, Duration.ofSeconds(1)) >= gaps.get(tp)[1]);
    }
    for (TopicPartition tp : open) {
      // not read to the end in time: the rest of its gap counts as lag
      records += gaps.get(tp)[1] - reader.position(tp, Duration.ofSeconds(1));
    }
    reader.assign(Set.of());
    return records;
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      Set<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    return admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get();
  }

  private Set<TopicPartition> assigned(String group)
      throws ExecutionException, InterruptedException {
    Set<TopicPartition> assigned = new HashSet<>();
    ConsumerGroupDescription description =
        admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    if (description != null) {
      description.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
    }
    return assigned;
  }
}
