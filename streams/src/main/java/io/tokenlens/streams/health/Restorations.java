package io.tokenlens.streams.health;

import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state stores being restored from their changelogs right now, as Kafka Streams reports them to
 * its global restore listener (task stores and global stores alike): a task restoring its store
 * does not process yet, so the instance is not ready while any is. Also counts what restores cost:
 * the records restored and the wall-clock time during which at least one store was restoring, and
 * logs each such period when it ends. Called from the stream, state-updater and global threads.
 */
public final class Restorations implements StateRestoreListener {

  private static final Logger log = LoggerFactory.getLogger(Restorations.class);

  private final LongSupplier nanoClock;
  private final Set<String> restoring = new HashSet<>();
  private long restoredRecords;
  private long restoringNanos;
  private long periodStart;
  private long periodRecords;
  private int periodStores;

  public Restorations() {
    this(System::nanoTime);
  }

  Restorations(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void onRestoreStart(
      TopicPartition partition, String store, long startingOffset, long endingOffset) {
    if (restoring.isEmpty()) {
      periodStart = nanoClock.getAsLong();
      periodRecords = 0;
      periodStores = 0;
    }
    if (restoring.add(name(partition, store))) {
      periodStores++;
    }
  }

  @Override
  public synchronized void onBatchRestored(
      TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    restoredRecords += numRestored;
    periodRecords += numRestored;
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    finished(partition, store);
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    finished(partition, store);
  }

  private synchronized void finished(TopicPartition partition, String store) {
    if (!restoring.remove(name(partition, store)) || !restoring.isEmpty()) {
      return;
    }
    long nanos = nanoClock.getAsLong() - periodStart;
    restoringNanos += nanos;
    log.info(
        "Restored {} records into {} store partitions from their changelogs in {} ms",
        periodRecords,
        periodStores,
        nanos / 1_000_000);
  }

  /** The stores restoring now, as {@code <store> (<changelog partition>)}, sorted. */
  public synchronized SortedSet<String> now() {
    return new TreeSet<>(restoring);
  }

  /** Records restored from changelogs since the instance started. */
  public synchronized long restoredRecords() {
    return restoredRecords;
  }

  /**
   * Seconds since the instance started during which at least one store was restoring, the period
   * under way included.
   */
  public synchronized double restoringSeconds() {
    long ongoing = restoring.isEmpty() ? 0 : nanoClock.getAsLong() - periodStart;
    return (restoringNanos + ongoing) / 1e9;
  }

  private static String name(TopicPartition partition, String store) {
    return store + " (" + partition + ")";
  }
}
