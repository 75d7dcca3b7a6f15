package io.tokenlens.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one assigned partition that are not yet in ClickHouse, and the batch cut from them
 * for an insert ({@link GroupBatch}). Which records an insert takes is decided per table ({@link
 * GroupCutter}); this buffer cuts them, or — when a plan recorded by an earlier run names this
 * partition — exactly the recorded range. Once cut, the partition is busy until the batch is
 * complete (in ClickHouse, offsets committed) or rejected; retries reuse the batch unchanged.
 *
 * <p>When ClickHouse rejects an insert of several rows for its content ({@link #rejected}), this
 * partition's range in it becomes <em>suspect</em> and is narrowed down by halves, each inserted
 * alone: the next batch is the first half of the suspect rows; if it goes in, the rest stays
 * suspect and is halved again; if it is rejected, it becomes the suspect range. A single rejected
 * row is poison. Every half is an ordinary batch: its plan is committed before the insert and its
 * offset after, so a crash replays only the one half in flight, with the same dedup token, and the
 * rows of halves already in ClickHouse are never inserted again — however many halves the search
 * took. Not thread-safe.
 */
public final class PartitionBuffer {

  private final TopicPartition partition;
  private final TableMapping mapping;
  private final ArrayDeque<BufferedRecord> records = new ArrayDeque<>();
  private GroupPlan recorded;
  private Batch cut;

  /** Last offset of the suspect range, or -1. */
  private long suspectLast = -1;

  /**
   * @param recorded the plan recorded in this partition's committed offset metadata, naming this
   *     partition, when the committed offset is its range's first offset
   */
  public PartitionBuffer(
      TopicPartition partition, TableMapping mapping, Optional<GroupPlan> recorded) {
    this.partition = partition;
    this.mapping = mapping;
    this.recorded = recorded.orElse(null);
    if (this.recorded != null && this.recorded.rangeOf(partition.partition()).isEmpty()) {
      throw new IllegalArgumentException("The recorded plan does not name " + partition);
    }
  }

  public void add(BufferedRecord record) {
    records.addLast(record);
  }

  /** Records waiting, including those of a cut batch. */
  public int size() {
    return records.size();
  }

  public TopicPartition partition() {
    return partition;
  }

  public TableMapping mapping() {
    return mapping;
  }

  /** The recorded plan still to be rebuilt, if any. */
  public Optional<GroupPlan> recorded() {
    return Optional.ofNullable(recorded);
  }

  /**
   * Whether this partition's range of the recorded plan has been fetched whole ({@code position} is
   * past it).
   */
  public boolean recordedRangeFetched(long position) {
    return recorded != null && position > recordedRange().lastOffset();
  }

  private BatchPlan recordedRange() {
    return recorded.rangeOf(partition.partition()).orElseThrow();
  }

  /**
   * Cuts this partition's range of the recorded plan, exactly, whatever the current limits.
   *
   * @param position the consumer's position in the partition (next offset it will fetch)
   * @throws IllegalStateException when the range has not been fetched whole, or nothing is recorded
   */
  public Batch cutRecorded(long position) {
    if (cut != null) {
      return cut;
    }
    if (!recordedRangeFetched(position)) {
      throw new IllegalStateException(
          "The recorded range of " + partition + " has not been fetched whole");
    }
    BatchPlan range = recordedRange();
    List<BufferedRecord> in = new ArrayList<>();
    for (BufferedRecord r : records) {
      if (r.offset() > range.lastOffset()) {
        break;
      }
      if (r.offset() >= range.firstOffset()) {
        in.add(r);
      }
    }
    cut = new Batch(partition, mapping, range, List.copyOf(in));
    return cut;
  }

  /** Whether a batch is cut and not yet complete or rejected. */
  public boolean busy() {
    return cut != null;
  }

  /** Whether this partition's records may join an insert cut from the buffers now. */
  public boolean cuttable() {
    return cut == null && recorded == null && !narrowing() && !records.isEmpty();
  }

  /**
   * When the oldest waiting record was received ({@link System#nanoTime()}); only when records
   * wait.
   */
  public long oldestReceivedNanos() {
    return records.peekFirst().receivedAtNanos();
  }

  /** Cuts the first {@code maxRows} waiting records (fewer when fewer wait). */
  public Batch cut(int maxRows) {
    if (!cuttable()) {
      throw new IllegalStateException(partition + " has nothing to cut now");
    }
    List<BufferedRecord> in = new ArrayList<>(Math.min(maxRows, records.size()));
    for (BufferedRecord r : records) {
      if (in.size() == maxRows) {
        break;
      }
      in.add(r);
    }
    cut =
        new Batch(
            partition,
            mapping,
            new BatchPlan(in.get(0).offset(), in.get(in.size() - 1).offset()),
            List.copyOf(in));
    return cut;
  }

  /** The next half of a rejected range to insert alone, while narrowing and not busy. */
  public Optional<Batch> cutHalf() {
    if (cut != null || !narrowing()) {
      return Optional.empty();
    }
    cut = firstHalfOfSuspect();
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
    return new Batch(
        partition,
        mapping,
        new BatchPlan(in.get(0).offset(), in.get(in.size() - 1).offset()),
        List.copyOf(in));
  }

  /** Whether a rejected batch is being narrowed down. */
  public boolean narrowing() {
    if (suspectLast >= 0 && (records.isEmpty() || records.peekFirst().offset() > suspectLast)) {
      suspectLast = -1;
    }
    return suspectLast >= 0;
  }

  /**
   * ClickHouse refused the insert holding {@code batch} (the cut batch; the insert had several
   * rows) for its content: the batch's range becomes the suspect range, narrowed down from the next
   * {@link #cutHalf} on.
   */
  public void rejected(Batch batch) {
    if (cut != batch) {
      throw new IllegalStateException("Only the cut batch can be rejected");
    }
    suspectLast = batch.plan().lastOffset();
    cut = null;
    recorded = null;
  }

  /** Forgets the records of {@code batch}: it is in ClickHouse and its offsets are committed. */
  public void complete(Batch batch) {
    while (!records.isEmpty() && records.peekFirst().offset() <= batch.plan().lastOffset()) {
      records.removeFirst();
    }
    if (cut == batch) {
      cut = null;
    }
    if (recorded != null && batch.plan().equals(recordedRange())) {
      recorded = null;
    }
    if (suspectLast >= 0 && batch.plan().lastOffset() >= suspectLast) {
      suspectLast = -1;
    }
  }
}
