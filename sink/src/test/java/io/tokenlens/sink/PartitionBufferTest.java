package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topics;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionBufferTest {

  private static final TopicPartition TP = new TopicPartition("token-usage-enriched", 0);
  private static final TableMapping MAPPING = SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED);
  private static final long SECOND = 1_000_000_000L;

  private static BufferedRecord record(long offset, long receivedAt) {
    return new BufferedRecord(offset, receivedAt, new byte[] {'{', '}', '\n'}, null, null);
  }

  @Test
  void shouldCutABatchWhenMaxRowsAreWaiting() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    for (long o = 0; o < 5; o++) {
      buffer.add(record(o, 0));
    }
    assertThat(buffer.due(10, SECOND, 1, 5)).isEmpty();
    assertThat(buffer.due(3, SECOND, 1, 5)).get().extracting(Batch::plan).isEqualTo(new BatchPlan(0, 2));
  }

  @Test
  void shouldCutABatchWhenTheOldestRecordWaitedMaxWait() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    buffer.add(record(7, 0));
    buffer.add(record(8, SECOND / 2));
    assertThat(buffer.due(100, SECOND, SECOND - 1, 9)).isEmpty();
    assertThat(buffer.due(100, SECOND, SECOND, 9)).get().extracting(Batch::plan).isEqualTo(new BatchPlan(7, 8));
  }

  @Test
  void shouldWaitForALargerBatchWhileMoreRecordsWaitOnTheBroker() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    buffer.add(record(7, 0));
    buffer.add(record(8, 0));
    // two buffered, 500 more on the broker: catching up, the time limit is the catch-up wait
    assertThat(buffer.due(100, SECOND, 10 * SECOND, SECOND, 9, 500)).isEmpty();
    assertThat(buffer.due(100, SECOND, 10 * SECOND, 10 * SECOND, 9, 500)).get().extracting(Batch::plan)
        .isEqualTo(new BatchPlan(7, 8));
  }

  @Test
  void shouldCutAfterMaxWaitOnceFewerRecordsWaitOnTheBrokerThanAreBuffered() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    buffer.add(record(7, 0));
    buffer.add(record(8, 0));
    assertThat(buffer.due(100, SECOND, 10 * SECOND, SECOND, 9, 1)).get().extracting(Batch::plan)
        .isEqualTo(new BatchPlan(7, 8));
  }

  @Test
  void shouldReturnTheSameBatchUntilItIsComplete() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    for (long o = 0; o < 4; o++) {
      buffer.add(record(o, 0));
    }
    Batch first = buffer.due(2, SECOND, 0, 4).orElseThrow();
    buffer.add(record(4, 0));
    assertThat(buffer.due(5, SECOND, 0, 5)).containsSame(first);
    buffer.complete(first);
    assertThat(buffer.size()).isEqualTo(3);
    assertThat(buffer.due(2, SECOND, 0, 5)).get().extracting(Batch::plan).isEqualTo(new BatchPlan(2, 3));
  }

  @Test
  void shouldRebuildExactlyTheRecordedBatchWhateverTheCurrentLimits() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.of(new BatchPlan(10, 14)));
    for (long o = 10; o < 13; o++) {
      buffer.add(record(o, 0));
    }
    // not all of the recorded range has been fetched yet, even though max rows is reached
    assertThat(buffer.due(2, SECOND, 10 * SECOND, 13)).isEmpty();
    for (long o = 13; o < 20; o++) {
      buffer.add(record(o, 0));
    }
    Batch batch = buffer.due(1_000, SECOND, 0, 20).orElseThrow();
    assertThat(batch.plan()).isEqualTo(new BatchPlan(10, 14));
    assertThat(batch.records()).extracting(BufferedRecord::offset).containsExactly(10L, 11L, 12L, 13L, 14L);
    assertThat(batch.dedupToken()).isEqualTo("token_usage/token-usage-enriched/0/10-14");
  }

  @Test
  void shouldCloseARecordedRangeWhoseRecordsAreGone() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.of(new BatchPlan(10, 14)));
    buffer.add(record(16, 0)); // 10-15 compacted away or transaction markers
    Batch batch = buffer.due(1_000, SECOND, 0, 17).orElseThrow();
    assertThat(batch.records()).isEmpty();
    assertThat(batch.nextOffset()).isEqualTo(15);
  }

  @Test
  void shouldNarrowARejectedBatchDownByHalvesUntilTheRowAtFault() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    for (long o = 0; o < 10; o++) {
      buffer.add(record(o, 0));
    }
    Batch all = buffer.due(8, SECOND, 0, 10).orElseThrow();
    assertThat(all.plan()).isEqualTo(new BatchPlan(0, 7));

    buffer.rejected(all); // the poison row is offset 5
    Batch first = buffer.due(8, SECOND, 0, 10).orElseThrow();
    assertThat(first.plan()).isEqualTo(new BatchPlan(0, 3));
    buffer.complete(first); // went in: 4-7 is still suspect
    Batch second = buffer.due(8, SECOND, 0, 10).orElseThrow();
    assertThat(second.plan()).isEqualTo(new BatchPlan(4, 5));
    buffer.rejected(second);
    Batch third = buffer.due(8, SECOND, 0, 10).orElseThrow();
    assertThat(third.plan()).isEqualTo(new BatchPlan(4, 4));
    buffer.complete(third);
    Batch fourth = buffer.due(8, SECOND, 0, 10).orElseThrow();
    assertThat(fourth.plan()).isEqualTo(new BatchPlan(5, 5)); // rejected alone: poison
    assertThat(buffer.narrowing()).isTrue();
    buffer.complete(fourth);

    // past the suspect range, batches are cut as before: 6-7 were never inserted, so they may join 8-9
    assertThat(buffer.narrowing()).isFalse();
    assertThat(buffer.due(8, SECOND, SECOND, 10).orElseThrow().plan()).isEqualTo(new BatchPlan(6, 9));
  }

  @Test
  void shouldCountOnlyRowsWhenHalvingASuspectRange() {
    PartitionBuffer buffer = new PartitionBuffer(TP, MAPPING, Optional.empty());
    buffer.add(record(0, 0));
    buffer.add(new BufferedRecord(1, 0, null, null, new IllegalArgumentException("not Avro")));
    buffer.add(record(2, 0));
    buffer.add(record(3, 0));
    Batch all = buffer.due(4, SECOND, 0, 4).orElseThrow();
    buffer.rejected(all);
    // 3 rows: the first half holds 2 of them, and the poison record between them goes along
    assertThat(buffer.due(4, SECOND, 0, 4).orElseThrow().plan()).isEqualTo(new BatchPlan(0, 2));
  }
}
