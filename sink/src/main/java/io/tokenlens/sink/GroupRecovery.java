package io.tokenlens.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a recorded plan is rebuilt by the instance that now holds some of its partitions. The rule
 * that keeps every row exactly once, however a crash or a rebalance split the plan's partitions:
 * <b>a recorded plan is only ever inserted whole</b> — every member's range, under the plan's token
 * — never one member's range alone and never skipped. So every insert that carries the plan's token
 * carries the same rows, whichever instance sends it and however often: ClickHouse keeps the first
 * and drops the others as duplicates. A member's records go under another token only after
 * ClickHouse rejected the plan's rows for their content (the member's range is then narrowed down
 * by halves): a plan ClickHouse rejects never lands.
 *
 * <p>The members this instance <em>holds</em> are its partitions whose committed offset still
 * records the plan: their ranges come from its own buffers and it commits past them after the
 * insert. Every other member — assigned to another instance, or already committed past the plan (by
 * another instance that inserted it) — is <em>foreign</em>: its range is read from Kafka for the
 * insert only, and its offset is left to its owner (the owner of a member still recording the plan
 * inserts it whole too, and ClickHouse drops one of the two). An instance that loses some members
 * of an insert it has cut but not completed forgets the cut and rebuilds its remaining members from
 * their committed state, by the same rule.
 *
 * @param plan the recorded plan
 * @param held member partitions this instance holds, in order
 * @param foreign member partitions read from Kafka for the insert, in order
 */
record GroupRecovery(GroupPlan plan, List<Integer> held, List<Integer> foreign) {

  GroupRecovery {
    held = List.copyOf(held);
    foreign = List.copyOf(foreign);
  }

  /** Whether this instance holds every member (the insert is rebuilt from its buffers alone). */
  boolean whole() {
    return foreign.isEmpty();
  }

  /**
   * The plans to rebuild, one per distinct plan, given the plan recorded on each of this instance's
   * partitions of one topic that records one (partitions committed past their last plan are
   * absent).
   */
  static List<GroupRecovery> of(Map<Integer, GroupPlan> recordedOnOwnPartitions) {
    Map<GroupPlan, List<Integer>> holders = new LinkedHashMap<>();
    new TreeMap<>(recordedOnOwnPartitions)
        .forEach(
            (partition, plan) -> {
              if (plan.rangeOf(partition).isEmpty()) {
                throw new IllegalArgumentException(
                    "Partition " + partition + " records a plan without it: " + plan);
              }
              holders.computeIfAbsent(plan, p -> new ArrayList<>()).add(partition);
            });
    List<GroupRecovery> recoveries = new ArrayList<>();
    holders.forEach(
        (plan, held) ->
            recoveries.add(
                new GroupRecovery(
                    plan,
                    held,
                    plan.partitions().stream().filter(p -> !held.contains(p)).toList())));
    return List.copyOf(recoveries);
  }
}
