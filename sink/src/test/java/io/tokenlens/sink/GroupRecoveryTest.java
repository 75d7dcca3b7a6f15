package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupRecoveryTest {

  private static final GroupPlan G =
      new GroupPlan(
          List.of(
              new GroupPlan.Member(0, new BatchPlan(100, 199)),
              new GroupPlan.Member(1, new BatchPlan(40, 89)),
              new GroupPlan.Member(2, new BatchPlan(7, 7))));

  @Test
  void shouldRebuildAPlanFromItsOwnBuffersWhenItHoldsEveryMember() {
    List<GroupRecovery> recoveries = GroupRecovery.of(Map.of(0, G, 1, G, 2, G));
    assertThat(recoveries).containsExactly(new GroupRecovery(G, List.of(0, 1, 2), List.of()));
    assertThat(recoveries.get(0).whole()).isTrue();
  }

  @Test
  void shouldReadTheMembersItDoesNotHoldWhenARebalanceSplitThePlan() {
    // partitions 0 and 2 went to this instance, 1 to another: the plan is still inserted whole,
    // same token
    List<GroupRecovery> recoveries = GroupRecovery.of(Map.of(2, G, 0, G));
    assertThat(recoveries).containsExactly(new GroupRecovery(G, List.of(0, 2), List.of(1)));
    assertThat(recoveries.get(0).whole()).isFalse();
  }

  @Test
  void shouldTreatAnOwnPartitionCommittedPastThePlanAsForeign() {
    // partition 1 is this instance's, but its committed offset no longer records G (another
    // instance inserted G
    // and committed past it, then partition 1 recorded a newer plan): its range of G is read again
    // from Kafka and
    // its committed offset is not moved back
    GroupPlan newer = GroupPlan.single(1, new BatchPlan(90, 120));
    List<GroupRecovery> recoveries = GroupRecovery.of(Map.of(0, G, 1, newer));
    assertThat(recoveries)
        .containsExactlyInAnyOrder(
            new GroupRecovery(G, List.of(0), List.of(1, 2)),
            new GroupRecovery(newer, List.of(1), List.of()));
  }

  @Test
  void shouldRebuildEachDistinctPlanOnce() {
    GroupPlan other =
        new GroupPlan(
            List.of(
                new GroupPlan.Member(3, new BatchPlan(0, 9)),
                new GroupPlan.Member(4, new BatchPlan(0, 9))));
    assertThat(GroupRecovery.of(Map.of(0, G, 3, other, 1, G, 4, other)))
        .containsExactlyInAnyOrder(
            new GroupRecovery(G, List.of(0, 1), List.of(2)),
            new GroupRecovery(other, List.of(3, 4), List.of()));
  }

  @Test
  void shouldRefuseAPlanRecordedOnAPartitionItDoesNotName() {
    assertThatThrownBy(() -> GroupRecovery.of(Map.of(5, G)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
