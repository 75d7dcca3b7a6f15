package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.topics.Topics;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionBufferTest {

  private static final TopicPartition TP = new TopicPartition("token-usage-enriched", 0);
  private static final TableMapping MAPPING = SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED);

  private static BufferedRecord record(long offset, long receivedAt) {
    return new BufferedRecord(offset, receivedAt, new byte[] {1, 2, 3}, null, null);
  }

  private static PartitionBuffer buffer(long from, long to) {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    for (long o = from; o < to; o++) {
      buffer.add(record(o, o));
    }
    return buffer;
  }

  @Test
  void shouldCutTheFirstRecordsAndStayBusyUntilTheBatchIsComplete() {
    PartitionBuffer buffer = buffer(0, 5);
    assertThat(buffer.cuttable()).isTrue();
    assertThat(buffer.oldestReceivedNanos()).isZero();
    Batch first = buffer.cut(3);
    assertThat(first.plan()).isEqualTo(new BatchPlan(0, 2));
    assertThat(buffer.busy()).isTrue();
    assertThat(buffer.cuttable()).isFalse();
    assertThatThrownBy(() -> buffer.cut(3)).isInstanceOf(IllegalStateException.class);
    buffer.complete(first);
    assertThat(buffer.size()).isEqualTo(2);
    assertThat(buffer.oldestReceivedNanos()).isEqualTo(3);
    assertThat(buffer.cut(10).plan()).isEqualTo(new BatchPlan(3, 4));
  }

  @Test
  void shouldRebuildExactlyItsRangeOfTheRecordedPlanWhateverTheCurrentLimits() {
    GroupPlan recorded =
        new GroupPlan(
            List.of(
                new GroupPlan.Member(0, new BatchPlan(10, 14)),
                new GroupPlan.Member(3, new BatchPlan(500, 900))));
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.of(recorded));
    for (long o = 10; o < 13; o++) {
      buffer.add(record(o, 0));
    }
    // not all of the recorded range has been fetched yet, and the records may not join another
    // insert meanwhile
    assertThat(buffer.recordedRangeFetched(13)).isFalse();
    assertThat(buffer.cuttable()).isFalse();
    assertThatThrownBy(() -> buffer.cutRecorded(13)).isInstanceOf(IllegalStateException.class);
    for (long o = 13; o < 20; o++) {
      buffer.add(record(o, 0));
    }
    assertThat(buffer.recordedRangeFetched(20)).isTrue();
    Batch batch = buffer.cutRecorded(20);
    assertThat(batch.plan()).isEqualTo(new BatchPlan(10, 14));
    assertThat(batch.records())
        .extracting(BufferedRecord::offset)
        .containsExactly(10L, 11L, 12L, 13L, 14L);
    buffer.complete(batch);
    assertThat(buffer.recorded()).isEmpty();
    assertThat(buffer.cut(100).plan()).isEqualTo(new BatchPlan(15, 19));
  }

  @Test
  void shouldRefuseARecordedPlanThatDoesNotNameThePartition() {
    assertThatThrownBy(
            () ->
                new PartitionBuffer(
                    TP, MAPPING, Optional.of(GroupPlan.single(1, new BatchPlan(0, 1)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCloseARecordedRangeWhoseRecordsAreGone() {
    PartitionBuffer buffer =
        new PartitionBuffer(TP, MAPPING, Optional.of(GroupPlan.single(0, new BatchPlan(10, 14))));
    buffer.add(record(16, 0)); // 10-15 compacted away or transaction markers
    Batch batch = buffer.cutRecorded(17);
    assertThat(batch.records()).isEmpty();
    assertThat(batch.nextOffset()).isEqualTo(15);
  }

  @Test
  void shouldNarrowARejectedBatchDownByHalvesUntilTheRowAtFault() {
    PartitionBuffer buffer = buffer(0, 10);
    Batch all = buffer.cut(8);
    assertThat(all.plan()).isEqualTo(new BatchPlan(0, 7));
    assertThat(buffer.cutHalf()).isEmpty(); // not narrowing

    buffer.rejected(all); // the poison row is offset 5
    assertThat(buffer.cuttable())
        .isFalse(); // halves go alone, never into an insert with other partitions
    Batch first = buffer.cutHalf().orElseThrow();
    assertThat(first.plan()).isEqualTo(new BatchPlan(0, 3));
    assertThat(buffer.cutHalf()).isEmpty(); // busy
    buffer.complete(first); // went in: 4-7 is still suspect
    Batch second = buffer.cutHalf().orElseThrow();
    assertThat(second.plan()).isEqualTo(new BatchPlan(4, 5));
    buffer.rejected(second);
    Batch third = buffer.cutHalf().orElseThrow();
    assertThat(third.plan()).isEqualTo(new BatchPlan(4, 4));
    buffer.complete(third);
    Batch fourth = buffer.cutHalf().orElseThrow();
    assertThat(fourth.plan()).isEqualTo(new BatchPlan(5, 5)); // rejected alone: poison
    assertThat(buffer.narrowing()).isTrue();
    buffer.complete(fourth);

    // past the suspect range, records join inserts as before: 6-7 were never inserted, so they may
    // join 8-9
    assertThat(buffer.narrowing()).isFalse();
    assertThat(buffer.cuttable()).isTrue();
    assertThat(buffer.cut(8).plan()).isEqualTo(new BatchPlan(6, 9));
  }

  @Test
  void shouldNarrowARangeOfARejectedRecordedPlan() {
    PartitionBuffer buffer =
        new PartitionBuffer(TP, MAPPING, Optional.of(GroupPlan.single(0, new BatchPlan(0, 3))));
    for (long o = 0; o < 6; o++) {
      buffer.add(record(o, 0));
    }
    buffer.rejected(buffer.cutRecorded(6));
    assertThat(buffer.recorded()).isEmpty();
    assertThat(buffer.cutHalf().orElseThrow().plan()).isEqualTo(new BatchPlan(0, 1));
  }

  @Test
  void shouldCountOnlyRowsWhenHalvingASuspectRange() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    buffer.add(record(0, 0));
    buffer.add(new BufferedRecord(1, 0, null, null, new IllegalArgumentException("not Avro")));
    buffer.add(record(2, 0));
    buffer.add(record(3, 0));
    Batch all = buffer.cut(4);
    buffer.rejected(all);
    // 3 rows: the first half holds 2 of them, and the poison record between them goes along
    assertThat(buffer.cutHalf().orElseThrow().plan()).isEqualTo(new BatchPlan(0, 2));
  }
}
