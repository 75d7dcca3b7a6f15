package io.tokenlens.simulator.eval;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the streams job is behind its inputs: for every partition its consumer group has
 * committed, the records between the committed offset and the end of the partition. A partition
 * counts as caught up with at most one record left, the commit marker a transactional producer (the
 * job's own repartitions) writes after its last record.
 */
final class JobLag {

  private final Admin admin;
  private final String groupId;

  JobLag(Admin admin, String groupId) {
    this.admin = admin;
    this.groupId = groupId;
  }

  /** True when the group has committed offsets and every one of its partitions is caught up. */
  boolean caughtUp() throws InterruptedException {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      if (committed.isEmpty()) {
        return false;
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  committed.keySet().stream()
                      .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
              .all()
              .get();
      return committed.entrySet().stream()
          .allMatch(
              e ->
                  e.getValue() == null
                      || ends.get(e.getKey()).offset() - e.getValue().offset() <= 1);
    } catch (ExecutionException e) {
      return false;
    }
  }
}
