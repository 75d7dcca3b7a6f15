package io.tokenlens.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * One insert: the batches of one or several partitions of one table's topic, with the plan naming
 * all of them. Its dedup token derives from the whole plan, so every attempt and every rebuild of
 * it carries the same rows under the same token.
 *
 * @param mapping the table the rows go to
 * @param plan the composition, recorded on every held member before the insert
 * @param members one batch per member of the plan, in the plan's order
 * @param held the members whose offsets this instance commits after the insert: its own partitions
 *     that recorded this plan. The others (a plan rebuilt after a rebalance split its partitions)
 *     were read from Kafka for the insert only; their owners commit them.
 * @param origin why the insert was cut
 */
public record GroupBatch(
    TableMapping mapping,
    GroupPlan plan,
    List<Batch> members,
    Set<TopicPartition> held,
    Origin origin) {

  /** Why an insert was cut. */
  public enum Origin {
    /** From the buffers, at max rows or max wait. */
    BUFFERED,
    /** Half of a rejected range, narrowing it down to the rows at fault. */
    NARROWING,
    /** A plan recorded before a restart or rebalance, rebuilt exactly. */
    RECORDED
  }

  public GroupBatch {
    members = List.copyOf(members);
    held = Set.copyOf(held);
    if (members.size() != plan.members().size()) {
      throw new IllegalArgumentException("An insert needs one batch per member of its plan");
    }
  }

  /** An insert of one partition's batch alone, that partition held. */
  public static GroupBatch single(Batch batch, Origin origin) {
    return new GroupBatch(
        batch.mapping(),
        GroupPlan.single(batch.partition().partition(), batch.plan()),
        List.of(batch),
        Set.of(batch.partition()),
        origin);
  }

  /** An insert of several partitions' batches cut from the buffers, all of them held. */
  public static GroupBatch of(TableMapping mapping, List<Batch> batches, Origin origin) {
    List<GroupPlan.Member> members =
        batches.stream()
            .map(b -> new GroupPlan.Member(b.partition().partition(), b.plan()))
            .toList();
    GroupPlan plan = new GroupPlan(members);
    List<Batch> ordered = new ArrayList<>(batches);
    ordered.sort((a, b) -> Integer.compare(a.partition().partition(), b.partition().partition()));
    return new GroupBatch(
        mapping,
        plan,
        ordered,
        batches.stream().map(Batch::partition).collect(Collectors.toSet()),
        origin);
  }

  /** The {@code insert_deduplication_token} of this insert. */
  public String dedupToken() {
    return plan.dedupToken(mapping.table(), topic());
  }

  /** The topic of every member. */
  public String topic() {
    return members.get(0).partition().topic();
  }

  /** The rows to insert (poison records excluded), member after member. */
  public List<BufferedRecord> insertable() {
    List<BufferedRecord> rows = new ArrayList<>();
    members.forEach(b -> rows.addAll(b.insertable()));
    return rows;
  }

  /** The poison records of every member. */
  public List<BufferedRecord> poison() {
    List<BufferedRecord> poison = new ArrayList<>();
    members.forEach(b -> poison.addAll(b.poison()));
    return poison;
  }

  /** The batches of the held members. */
  public List<Batch> heldMembers() {
    return members.stream().filter(b -> held.contains(b.partition())).toList();
  }

  /** Whether {@code partition} is among the members. */
  public boolean touches(TopicPartition partition) {
    return members.stream().anyMatch(b -> b.partition().equals(partition));
  }

  /** Records of every member. */
  public int size() {
    return members.stream().mapToInt(b -> b.records().size()).sum();
  }
}
