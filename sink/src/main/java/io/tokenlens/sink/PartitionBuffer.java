package io.tokenlens.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one assigned partition that are not yet in ClickHouse, and the batch cut from them. A batch is
 * cut when {@code maxRows} records wait or the oldest has waited {@code maxWait}, whichever comes first — unless a
 * plan recorded by an earlier run fixes its boundaries, in which case exactly that range is rebuilt. While the
 * sink catches up (at least as many records still on the broker as are buffered), the time limit is
 * {@code catchUpMaxWait} instead: a backlog is inserted in few large batches rather than many small ones, each of
 * which pays ClickHouse's fixed cost of an insert; caught up, batches are cut after {@code maxWait} as before. Once cut, the
 * same batch is returned until {@link #complete} (retries reuse it unchanged).
 *
 * <p>When ClickHouse rejects a batch of several rows for its content ({@link #rejected}), the range becomes
 * <em>suspect</em> and is narrowed down by halves: the next batch is the first half of the suspect rows; if it
 * goes in, the rest stays suspect and is halved again; if it is rejected, it becomes the suspect range. A single
 * rejected row is poison. Every half is an ordinary batch: its plan is committed before the insert and its offset
 * after, so a crash replays only the one half in flight, with the same dedup token, and the rows of halves
 * already in ClickHouse are never inserted again — however many halves the search took. Not thread-safe.
 */
public final class PartitionBuffer {

  private final TopicPartition partition;
  private final TableMapping mapping;
  private final ArrayDeque<BufferedRecord> records = new ArrayDeque<>();
  private BatchPlan recoveredPlan;
  private Batch cut;
  /** Last offset of the suspect range, or -1. */
  private long suspectLast = -1;

  public PartitionBuffer(TopicPartition partition, TableMapping mapping, Optional<BatchPlan> recoveredPlan) {
    this.partition = partition;
    this.mapping = mapping;
    this.recoveredPlan = recoveredPlan.orElse(null);
  }

  public void add(BufferedRecord record) {
    records.addLast(record);
  }

  /** Records waiting, including those of a cut batch. */
  public int size() {
    return records.size();
  }

  public TableMapping mapping() {
    return mapping;
  }

  /**
   * The batch to insert now, if one is due.
   *
   * @param position the consumer's position in the partition (next offset it will fetch)
   */
  public Optional<Batch> due(int maxRows, long maxWaitNanos, long nowNanos, long position) {
    return due(maxRows, maxWaitNanos, maxWaitNanos, nowNanos, position, 0);
  }

  /**
   * The batch to insert now, if one is due, given the records of the partition still on the broker.
   *
   * @param position the consumer's position in the partition (next offset it will fetch)
   * @param lag records on the broker past {@code position} (the consumer's current lag; 0 when unknown)
   */
  public Optional<Batch> due(int maxRows, long maxWaitNanos, long catchUpMaxWaitNanos, long nowNanos, long position,
      long lag) {
    if (cut != null) {
      return Optional.of(cut);
    }
    if (recoveredPlan != null) {
      if (position <= recoveredPlan.lastOffset()) {
        return Optional.empty(); // the whole recorded range has not been fetched yet
      }
      List<BufferedRecord> in = new ArrayList<>();
      for (BufferedRecord r : records) {
        if (r.offset() > recoveredPlan.lastOffset()) {
          break;
        }
        if (r.offset() >= recoveredPlan.firstOffset()) {
          in.add(r);
        }
      }
      cut = new Batch(partition, mapping, recoveredPlan, List.copyOf(in));
      return Optional.of(cut);
    }
    if (records.isEmpty()) {
      return Optional.empty();
    }
    if (suspectLast >= 0 && records.peekFirst().offset() > suspectLast) {
      suspectLast = -1;
    }
    if (suspectLast >= 0) {
      cut = firstHalfOfSuspect();
      return Optional.of(cut);
    }
    boolean full = records.size() >= maxRows;
    boolean catchingUp = lag > 0 && lag >= records.size();
    boolean old = nowNanos - records.peekFirst().receivedAtNanos() >= (catchingUp ? catchUpMaxWaitNanos : maxWaitNanos);
    if (!full && !old) {
      return Optional.empty();
    }
    List<BufferedRecord> in = new ArrayList<>(Math.min(maxRows, records.size()));
    for (BufferedRecord r : records) {
      if (in.size() == maxRows) {
        break;
      }
      in.add(r);
    }
    BatchPlan plan = new BatchPlan(in.get(0).offset(), in.get(in.size() - 1).offset());
    cut = new Batch(partition, mapping, plan, List.copyOf(in));
    return Optional.of(cut);
  }

  private Batch firstHalfOfSuspect() {
    int rows = 0;
    for (BufferedRecord r : records) {
      if (r.offset() > suspectLast) {
        break;
      }
      rows += r.row() == null ? 0 : 1;
    }
    int half = (rows + 1) / 2;
    List<BufferedRecord> in = new ArrayList<>();
    int taken = 0;
    for (BufferedRecord r : records) {
      if (r.offset() > suspectLast || taken == half && r.row() != null) {
        break;
      }
      in.add(r);
      taken += r.row() == null ? 0 : 1;
    }
    return new Batch(partition, mapping, new BatchPlan(in.get(0).offset(), in.get(in.size() - 1).offset()),
        List.copyOf(in));
  }

  /** Whether a rejected batch is being narrowed down. */
  public boolean narrowing() {
    return suspectLast >= 0;
  }

  /**
   * ClickHouse refused {@code batch} (the cut batch, of several rows) for its content: its range becomes the
   * suspect range, narrowed down from the next {@link #due} on.
   */
  public void rejected(Batch batch) {
    if (cut != batch) {
      throw new IllegalStateException("Only the cut batch can be rejected");
    }
    suspectLast = batch.plan().lastOffset();
    cut = null;
    recoveredPlan = null;
  }

  /** Forgets the records of {@code batch}: it is in ClickHouse and its offsets are committed. */
  public void complete(Batch batch) {
    while (!records.isEmpty() && records.peekFirst().offset() <= batch.plan().lastOffset()) {
      records.removeFirst();
    }
    if (cut == batch) {
      cut = null;
    }
    if (recoveredPlan != null && batch.plan().equals(recoveredPlan)) {
      recoveredPlan = null;
    }
    if (suspectLast >= 0 && batch.plan().lastOffset() >= suspectLast) {
      suspectLast = -1;
    }
  }
}
