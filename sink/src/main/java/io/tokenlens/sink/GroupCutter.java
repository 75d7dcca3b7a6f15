package io.tokenlens.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when one table's buffered records make an insert, and which partitions' records it takes: one insert
 * carries the records of every partition that has some, so the table pays ClickHouse's fixed cost of an insert
 * (dedup bookkeeping, new parts in the table and its materialized views) once rather than once per partition.
 *
 * <p>An insert is due when the table's cuttable partitions together hold {@code maxRows} records, or their oldest
 * record has waited {@code maxWait}, whichever comes first. While the table catches up (at least as many records
 * still on the brokers as are buffered) the time limit is {@code catchUpMaxWait} instead, so a backlog lands in few
 * large inserts. The insert takes the partitions oldest record first, at most {@code maxPartitions} of them and
 * {@code maxRows} records in all.
 */
final class GroupCutter {

  /** One cuttable partition of the table. */
  record Candidate(TopicPartition partition, int size, long oldestReceivedNanos, long lag) {}

  /** How many records to take from one partition. */
  record Take(TopicPartition partition, int rows) {}

  private final int maxRows;
  private final long maxWaitNanos;
  private final long catchUpMaxWaitNanos;
  private final int maxPartitions;

  GroupCutter(int maxRows, long maxWaitNanos, long catchUpMaxWaitNanos, int maxPartitions) {
    if (maxRows < 1 || maxPartitions < 1 || maxPartitions > GroupPlan.MAX_MEMBERS) {
      throw new IllegalArgumentException("maxRows and maxPartitions must be positive, maxPartitions at most "
          + GroupPlan.MAX_MEMBERS);
    }
    this.maxRows = maxRows;
    this.maxWaitNanos = maxWaitNanos;
    this.catchUpMaxWaitNanos = catchUpMaxWaitNanos;
    this.maxPartitions = maxPartitions;
  }

  /** What to take now from {@code candidates} (partitions with records, none busy), or nothing when not due. */
  List<Take> due(List<Candidate> candidates, long nowNanos) {
    List<Candidate> waiting = candidates.stream().filter(c -> c.size() > 0)
        .sorted(Comparator.comparingLong((Candidate c) -> c.oldestReceivedNanos() - nowNanos)
            .thenComparingInt(c -> c.partition().partition()))
        .toList();
    if (waiting.isEmpty()) {
      return List.of();
    }
    long buffered = 0;
    long lag = 0;
    for (Candidate c : waiting) {
      buffered += c.size();
      lag += c.lag();
    }
    boolean full = buffered >= maxRows;
    boolean catchingUp = lag > 0 && lag >= buffered;
    long waited = nowNanos - waiting.get(0).oldestReceivedNanos();
    if (!full && waited < (catchingUp ? catchUpMaxWaitNanos : maxWaitNanos)) {
      return List.of();
    }
    List<Take> takes = new ArrayList<>();
    int left = maxRows;
    for (Candidate c : waiting) {
      if (left == 0 || takes.size() == maxPartitions) {
        break;
      }
      int rows = Math.min(left, c.size());
      takes.add(new Take(c.partition(), rows));
      left -= rows;
    }
    return List.copyOf(takes);
  }
}
