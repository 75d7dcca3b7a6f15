package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupPlanTest {

  private static final String TABLE = "token_usage";
  private static final String TOPIC = "token-usage-enriched";

  private static GroupPlan.Member member(int partition, long first, long last) {
    return new GroupPlan.Member(partition, new BatchPlan(first, last));
  }

  @Test
  void shouldRoundTripAGroupThroughTheMetadataOfEveryMember() {
    GroupPlan plan =
        new GroupPlan(List.of(member(4, 10, 19), member(0, 300, 599), member(2, 0, 0)));
    String metadata = plan.toMetadata();
    assertThat(metadata).isEqualTo("tokenlens-sink:group:0:300-599,2:0-0,4:10-19");
    for (int p : List.of(0, 2, 4)) {
      assertThat(GroupPlan.fromMetadata(p, metadata)).contains(plan);
    }
  }

  @Test
  void shouldReadTheSingleRangeMetadataOfEarlierVersionsAsAPlanOfThatPartition() {
    // committed by a sink without groups: the partition is the one the metadata is committed on
    assertThat(GroupPlan.fromMetadata(3, "tokenlens-sink:plan:300-599"))
        .contains(GroupPlan.single(3, new BatchPlan(300, 599)));
  }

  @Test
  void shouldWriteAPlanOfOnePartitionAsEarlierVersionsDidWithTheSameToken() {
    GroupPlan plan = GroupPlan.single(2, new BatchPlan(0, 99));
    assertThat(plan.toMetadata()).isEqualTo("tokenlens-sink:plan:0-99");
    // the token of a single-partition batch before groups: a batch uncommitted at the upgrade is
    // dropped on replay
    assertThat(plan.dedupToken(TABLE, TOPIC))
        .isEqualTo("token_usage/token-usage-enriched/2/0-99")
        .isEqualTo(new BatchPlan(0, 99).dedupToken(TABLE, TOPIC, 2));
  }

  @Test
  void shouldDeriveTheTokenFromTheWholeComposition() {
    GroupPlan plan = new GroupPlan(List.of(member(0, 0, 99), member(1, 50, 80)));
    assertThat(plan.dedupToken(TABLE, TOPIC))
        .isEqualTo("token_usage/token-usage-enriched/0:0-99,1:50-80")
        .isEqualTo(
            new GroupPlan(List.of(member(1, 50, 80), member(0, 0, 99))).dedupToken(TABLE, TOPIC))
        .isNotEqualTo(
            new GroupPlan(List.of(member(0, 0, 99), member(1, 50, 81))).dedupToken(TABLE, TOPIC))
        .isNotEqualTo(
            new GroupPlan(List.of(member(0, 0, 99), member(2, 50, 80))).dedupToken(TABLE, TOPIC))
        .isNotEqualTo(new GroupPlan(List.of(member(0, 0, 99))).dedupToken(TABLE, TOPIC))
        .isNotEqualTo(plan.dedupToken("token_usage_raw", TOPIC));
  }

  @Test
  void shouldIgnoreMetadataItDidNotWriteOrThatDoesNotNameThePartition() {
    assertThat(GroupPlan.fromMetadata(0, "")).isEmpty();
    assertThat(GroupPlan.fromMetadata(0, null)).isEmpty();
    assertThat(GroupPlan.fromMetadata(0, "something else")).isEmpty();
    assertThat(GroupPlan.fromMetadata(0, "tokenlens-sink:plan:9-3")).isEmpty();
    assertThat(GroupPlan.fromMetadata(0, "tokenlens-sink:group:0:1-2,")).isEmpty();
    assertThat(GroupPlan.fromMetadata(0, "tokenlens-sink:group:0:1-2,0:3-4")).isEmpty();
    assertThat(GroupPlan.fromMetadata(0, "tokenlens-sink:group:0:1-99999999999999999999"))
        .isEmpty();
    assertThat(GroupPlan.fromMetadata(5, "tokenlens-sink:group:0:1-2,1:3-4")).isEmpty();
    assertThat(GroupPlan.fromMetadata(1, "tokenlens-sink:group:0:1-2,1:3-4")).isPresent();
  }

  @Test
  void shouldKeepTheMetadataOfTheLargestPlanWithinKafkasDefaultLimit() {
    List<GroupPlan.Member> members = new ArrayList<>();
    for (int p = 0; p < GroupPlan.MAX_MEMBERS; p++) {
      members.add(member(Integer.MAX_VALUE - p, Long.MAX_VALUE - 1, Long.MAX_VALUE));
    }
    GroupPlan plan = new GroupPlan(members);
    assertThat(plan.toMetadata().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeLessThan(4096);
    assertThat(GroupPlan.fromMetadata(Integer.MAX_VALUE, plan.toMetadata())).contains(plan);
    members.add(member(0, 0, 0));
    assertThatThrownBy(() -> new GroupPlan(members)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAPartitionTwiceOrNoMember() {
    assertThatThrownBy(() -> new GroupPlan(List.of(member(1, 0, 1), member(1, 5, 6))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupPlan(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
