package io.tokenlens.streams.health;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The state stores being restored from their changelogs right now, as Kafka Streams reports them to
 * its global restore listener (task stores and global stores alike): a task restoring its store
 * does not process yet, so the instance is not ready while any is. Called from the stream,
 * state-updater and global threads.
 */
public final class Restorations implements StateRestoreListener {

  private final Set<String> restoring = ConcurrentHashMap.newKeySet();

  @Override
  public void onRestoreStart(
      TopicPartition partition, String store, long startingOffset, long endingOffset) {
    restoring.add(name(partition, store));
  }

  @Override
  public void onBatchRestored(
      TopicPartition partition, String store, long batchEndOffset, long numRestored) {}

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    restoring.remove(name(partition, store));
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    restoring.remove(name(partition, store));
  }

  /** The stores restoring now, as {@code <store> (<changelog partition>)}, sorted. */
  public SortedSet<String> now() {
    return new TreeSet<>(restoring);
  }

  private static String name(TopicPartition partition, String store) {
    return store + " (" + partition + ")";
  }
}
