package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topics;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupBatchTest {

  private static final TableMapping MAPPING = SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED);
  private static final String TOPIC = "p.token-usage-enriched";

  private static Batch batch(int partition, long first, long last) {
    List<BufferedRecord> records = new java.util.ArrayList<>();
    for (long o = first; o <= last; o++) {
      records.add(new BufferedRecord(o, 0, new byte[] {(byte) partition, (byte) o}, null, null));
    }
    return new Batch(
        new TopicPartition(TOPIC, partition), MAPPING, new BatchPlan(first, last), records);
  }

  @Test
  void shouldCarryEveryMembersRowsUnderOneTokenOfTheWholePlan() {
    GroupBatch insert =
        GroupBatch.of(MAPPING, List.of(batch(3, 5, 6), batch(1, 0, 2)), GroupBatch.Origin.BUFFERED);
    assertThat(insert.plan().partitions()).containsExactly(1, 3);
    assertThat(insert.dedupToken()).isEqualTo("token_usage/p.token-usage-enriched/1:0-2,3:5-6");
    assertThat(insert.insertable())
        .extracting(BufferedRecord::offset)
        .containsExactly(0L, 1L, 2L, 5L, 6L);
    assertThat(insert.held())
        .containsExactlyInAnyOrder(new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 3));
  }

  @Test
  void shouldCommitOnlyTheHeldMembersOfARebuiltPlan() {
    Batch own = batch(0, 0, 1);
    Batch foreign = batch(1, 7, 8);
    GroupPlan plan =
        new GroupPlan(
            List.of(new GroupPlan.Member(0, own.plan()), new GroupPlan.Member(1, foreign.plan())));
    GroupBatch insert =
        new GroupBatch(
            MAPPING,
            plan,
            List.of(own, foreign),
            Set.of(own.partition()),
            GroupBatch.Origin.RECORDED);
    assertThat(insert.heldMembers()).containsExactly(own);
    assertThat(insert.touches(foreign.partition())).isTrue();
    assertThat(insert.insertable()).hasSize(4);
  }

  @Test
  void shouldGiveASinglePartitionInsertTheTokenOfItsBatch() {
    Batch b = batch(2, 10, 12);
    assertThat(GroupBatch.single(b, GroupBatch.Origin.NARROWING).dedupToken())
        .isEqualTo(b.dedupToken());
  }
}
