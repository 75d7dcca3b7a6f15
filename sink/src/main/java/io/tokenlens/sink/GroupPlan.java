package io.tokenlens.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed composition of one insert: for each partition of one topic in it, a contiguous offset
 * range. Committed to Kafka before the insert as the offset metadata of every member's first offset
 * — the same text on every member, the whole composition — so whichever instance later holds any
 * member partition rebuilds exactly the same insert, with the same dedup token, whatever happened
 * in between.
 *
 * <p>A plan of one member is written and read in the format of the single-partition batches that
 * preceded groups ({@code tokenlens-sink:plan:<first>-<last>}, the partition being the one the
 * metadata is committed on), with the same dedup token: a deployment upgraded while such a batch
 * was not yet committed replays it unchanged. A plan of several members is {@code
 * tokenlens-sink:group:<partition>:<first>-<last>,...}, members in partition order.
 *
 * @param members one per partition, in partition order
 */
public record GroupPlan(List<Member> members) {

  /**
   * Most members a plan may have: its metadata then stays below Kafka's default limit of 4096
   * bytes.
   */
  public static final int MAX_MEMBERS = 64;

  private static final String SINGLE_PREFIX = "tokenlens-sink:plan:";
  private static final String GROUP_PREFIX = "tokenlens-sink:group:";
  private static final Pattern SINGLE =
      Pattern.compile(Pattern.quote(SINGLE_PREFIX) + "(\\d+)-(\\d+)");
  private static final Pattern GROUP =
      Pattern.compile(Pattern.quote(GROUP_PREFIX) + "(\\d+:\\d+-\\d+(?:,\\d+:\\d+-\\d+)*)");
  private static final Pattern MEMBER = Pattern.compile("(\\d+):(\\d+)-(\\d+)");

  /** One partition's range in the plan. */
  public record Member(int partition, BatchPlan range) {
    public Member {
      if (partition < 0) {
        throw new IllegalArgumentException("Invalid partition " + partition);
      }
    }
  }

  public GroupPlan {
    if (members.isEmpty() || members.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException(
          "A plan has 1 to " + MAX_MEMBERS + " members, not " + members.size());
    }
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparingInt(Member::partition));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).partition() == sorted.get(i - 1).partition()) {
        throw new IllegalArgumentException(
            "Partition " + sorted.get(i).partition() + " appears twice in a plan");
      }
    }
    members = List.copyOf(sorted);
  }

  /** The plan of one partition's range alone. */
  public static GroupPlan single(int partition, BatchPlan range) {
    return new GroupPlan(List.of(new Member(partition, range)));
  }

  /** The range of {@code partition}, if it is a member. */
  public Optional<BatchPlan> rangeOf(int partition) {
    return members.stream().filter(m -> m.partition() == partition).map(Member::range).findFirst();
  }

  /** The member partitions, in order. */
  public List<Integer> partitions() {
    return members.stream().map(Member::partition).toList();
  }

  /** The offset-commit metadata recording this plan, committed on every member. */
  public String toMetadata() {
    if (members.size() == 1) {
      BatchPlan r = members.get(0).range();
      return SINGLE_PREFIX + r.firstOffset() + "-" + r.lastOffset();
    }
    return GROUP_PREFIX + composition();
  }

  /**
   * The plan recorded in the commit metadata of {@code partition}, if any. A plan that does not
   * name {@code partition} among its members was not written by the sink and is ignored.
   */
  public static Optional<GroupPlan> fromMetadata(int partition, String metadata) {
    if (metadata == null) {
      return Optional.empty();
    }
    Matcher single = SINGLE.matcher(metadata);
    if (single.matches()) {
      return range(single.group(1), single.group(2)).map(r -> single(partition, r));
    }
    Matcher group = GROUP.matcher(metadata);
    if (!group.matches()) {
      return Optional.empty();
    }
    List<Member> members = new ArrayList<>();
    for (String text : group.group(1).split(",")) {
      Matcher m = MEMBER.matcher(text);
      if (!m.matches()) {
        return Optional.empty();
      }
      Optional<BatchPlan> range = range(m.group(2), m.group(3));
      Optional<Integer> p =
          number(m.group(1)).filter(n -> n <= Integer.MAX_VALUE).map(Long::intValue);
      if (range.isEmpty() || p.isEmpty()) {
        return Optional.empty();
      }
      members.add(new Member(p.get(), range.get()));
    }
    try {
      GroupPlan plan = new GroupPlan(members);
      return plan.rangeOf(partition).isPresent() ? Optional.of(plan) : Optional.empty();
    } catch (IllegalArgumentException duplicateOrTooMany) {
      return Optional.empty();
    }
  }

  /**
   * The {@code insert_deduplication_token} of the insert: table, topic and the whole composition.
   * Equal for every attempt and rebuild of the plan, distinct for every other plan. A plan of one
   * member has the token of a single-partition batch, {@code
   * <table>/<topic>/<partition>/<first>-<last>}.
   */
  public String dedupToken(String table, String topic) {
    if (members.size() == 1) {
      return members.get(0).range().dedupToken(table, topic, members.get(0).partition());
    }
    return table + "/" + topic + "/" + composition();
  }

  private String composition() {
    StringBuilder s = new StringBuilder();
    for (Member m : members) {
      if (!s.isEmpty()) {
        s.append(',');
      }
      s.append(m.partition())
          .append(':')
          .append(m.range().firstOffset())
          .append('-')
          .append(m.range().lastOffset());
    }
    return s.toString();
  }

  private static Optional<BatchPlan> range(String first, String last) {
    Optional<Long> f = number(first);
    Optional<Long> l = number(last);
    if (f.isEmpty() || l.isEmpty() || l.get() < f.get()) {
      return Optional.empty();
    }
    return Optional.of(new BatchPlan(f.get(), l.get()));
  }

  private static Optional<Long> number(String digits) {
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }
}
