package io.tokenlens.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when one table's buffered records make an insert, and which partitions' records it takes:
 * one insert carries the records of every partition that has some, so the table pays ClickHouse's
 * fixed cost of an insert (dedup bookkeeping, new parts in the table and its materialized views)
 * once rather than once per partition.
 *
 * <p>An insert is due when the table's cuttable partitions together hold as many records as it may
 * take ({@code maxRows}, fewer for the first inserts, below), or their oldest record has waited
 * {@code maxWait}, whichever comes first. While the table catches up (at least as many records
 * still on the brokers as are buffered) the time limit is {@code catchUpMaxWait} instead, so a
 * backlog lands in few large inserts. The insert takes the partitions oldest record first, at most
 * {@code maxPartitions} of them and that many records in all.
 *
 * <p>The first inserts of a table are smaller while it catches up: the first takes at most {@code
 * firstMaxRows} records, and each next one up to twice as many as the one before, up to {@code
 * maxRows}; records already all fetched have nothing to overlap with and go in inserts of up to
 * {@code maxRows}. A sink that starts on a backlog then has ClickHouse inserting its first rows
 * while it decodes the next ones, instead of idling until {@code maxRows} records are decoded; the
 * inserts after the first few are as large as ever. The limits decide only where an insert is cut:
 * its composition is recorded before it is inserted ({@link GroupPlan}) and rebuilt whole whatever
 * the limits. One cutter serves one table.
 */
final class GroupCutter {

  /** The first insert of a table takes at most {@code maxRows} divided by this. */
  static final int FIRST_INSERT_DIVISOR = 8;

  /** One cuttable partition of the table. */
  record Candidate(TopicPartition partition, int size, long oldestReceivedNanos, long lag) {}

  /** How many records to take from one partition. */
  record Take(TopicPartition partition, int rows) {}

  private final int maxRows;
  private final long maxWaitNanos;
  private final long catchUpMaxWaitNanos;
  private final int maxPartitions;

  /**
   * The most records the next insert takes: {@code firstMaxRows}, doubled per insert up to {@code
   * maxRows}.
   */
  private int rowLimit;

  /** A cutter whose first insert takes at most {@code maxRows / }{@value #FIRST_INSERT_DIVISOR}. */
  static GroupCutter rampingUp(
      int maxRows, long maxWaitNanos, long catchUpMaxWaitNanos, int maxPartitions) {
    return new GroupCutter(
        maxRows,
        Math.max(1, maxRows / FIRST_INSERT_DIVISOR),
        maxWaitNanos,
        catchUpMaxWaitNanos,
        maxPartitions);
  }

  GroupCutter(
      int maxRows,
      int firstMaxRows,
      long maxWaitNanos,
      long catchUpMaxWaitNanos,
      int maxPartitions) {
    if (maxRows < 1
        || firstMaxRows < 1
        || firstMaxRows > maxRows
        || maxPartitions < 1
        || maxPartitions > GroupPlan.MAX_MEMBERS) {
      throw new IllegalArgumentException(
          "maxRows, firstMaxRows (at most maxRows) and maxPartitions must be "
              + "positive, maxPartitions at most "
              + GroupPlan.MAX_MEMBERS);
    }
    this.maxRows = maxRows;
    this.rowLimit = firstMaxRows;
    this.maxWaitNanos = maxWaitNanos;
    this.catchUpMaxWaitNanos = catchUpMaxWaitNanos;
    this.maxPartitions = maxPartitions;
  }

  /**
   * What to take now from {@code candidates} (partitions with records, none busy), or nothing when
   * not due; what it returns is cut, and the next insert may be larger.
   */
  List<Take> due(List<Candidate> candidates, long nowNanos) {
    List<Candidate> waiting =
        candidates.stream()
            .filter(c -> c.size() > 0)
            .sorted(
                Comparator.comparingLong((Candidate c) -> c.oldestReceivedNanos() - nowNanos)
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
    boolean catchingUp = lag > 0 && lag >= buffered;
    // the smaller first inserts serve only to insert while more is fetched and decoded
    int limit = catchingUp ? rowLimit : maxRows;
    boolean full = buffered >= limit;
    long waited = nowNanos - waiting.get(0).oldestReceivedNanos();
    if (!full && waited < (catchingUp ? catchUpMaxWaitNanos : maxWaitNanos)) {
      return List.of();
    }
    List<Take> takes = new ArrayList<>();
    int left = limit;
    for (Candidate c : waiting) {
      if (left == 0 || takes.size() == maxPartitions) {
        break;
      }
      int rows = Math.min(left, c.size());
      takes.add(new Take(c.partition(), rows));
      left -= rows;
    }
    rowLimit = (int) Math.min(maxRows, 2L * rowLimit);
    return List.copyOf(takes);
  }
}
