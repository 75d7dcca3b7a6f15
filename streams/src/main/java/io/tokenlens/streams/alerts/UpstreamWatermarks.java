package io.tokenlens.streams.alerts;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What closes an alert task's hours in a replay ({@code streams.alerts.burn.clock=event}): the
 * watermarks of the tasks that sum the spend ({@link SpendUpdate.Watermark}, one per {@code
 * token-usage} partition, each the newest event time its task read and forwarded), and the event
 * time through which hours are closed, the lowest of them. Every sum a task forwarded before its
 * watermark has reached the alert task before the watermark did, so an hour whose end plus the
 * grace every watermark has passed has all its spend but what arrived behind a task's own watermark
 * by more than the grace (late).
 *
 * <p>A partition never heard from (no requests yet, or none at all) holds the hours back for {@code
 * idleAfterMillis} of wall-clock time after the task first knew a watermark (since it started),
 * then no longer: a replay whose organisation leaves a partition empty still scores its hours. A
 * partition that sent a watermark and then goes quiet holds every later hour open until it sends
 * again. The closing time never goes back (a partition first heard from late, behind it, does not
 * reopen hours already scored).
 *
 * <p>Kept in a changelogged store ({@code alerts-upstream-watermarks-store}): partition → its
 * latest watermark, and {@value #CLOSED_THROUGH} → the closing time, so a restarted task resumes
 * from both.
 */
final class UpstreamWatermarks {

  /** The key of the closing time in the store; the partitions' keys are 0 and up. */
  static final int CLOSED_THROUGH = -1;

  /** The closing time before any: no hour is closed. */
  static final long NONE = Long.MIN_VALUE;

  private final KeyValueStore<Integer, Long> store;
  private final int partitions;
  private final long idleAfterMillis;
  private long firstKnownAt = -1;

  /**
   * @param partitions how many partitions {@code token-usage} has: how many summing tasks send
   *     watermarks
   * @param idleAfterMillis how long a partition never heard from holds hours back
   */
  UpstreamWatermarks(KeyValueStore<Integer, Long> store, int partitions, long idleAfterMillis) {
    this.store = store;
    this.partitions = partitions;
    this.idleAfterMillis = idleAfterMillis;
  }

  /** Notes a summing task's watermark; an older one than known is ignored. */
  void advance(SpendUpdate.Watermark mark) {
    Long known = store.get(mark.partition());
    if (known == null || mark.eventTime() > known) {
      store.put(mark.partition(), mark.eventTime());
    }
  }

  /** The event time through which hours are closed, as last advanced; {@link #NONE} before. */
  long closedThrough() {
    Long closed = store.get(CLOSED_THROUGH);
    return closed == null ? NONE : closed;
  }

  /**
   * Moves the closing time to the lowest watermark, once every partition has sent one or the silent
   * ones have had {@code idleAfterMillis} since the first was known; the closing time.
   */
  long advanceClosed(long wallMillis) {
    long lowest = Long.MAX_VALUE;
    Set<Integer> heard = new HashSet<>();
    try (KeyValueIterator<Integer, Long> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Integer, Long> kv = it.next();
        if (kv.key != CLOSED_THROUGH) {
          heard.add(kv.key);
          lowest = Math.min(lowest, kv.value);
        }
      }
    }
    long closed = closedThrough();
    if (heard.isEmpty()) {
      return closed;
    }
    if (firstKnownAt < 0) {
      firstKnownAt = wallMillis;
    }
    if (!heardAll(heard) && wallMillis - firstKnownAt < idleAfterMillis || lowest <= closed) {
      return closed;
    }
    store.put(CLOSED_THROUGH, lowest);
    return lowest;
  }

  private boolean heardAll(Set<Integer> heard) {
    for (int p = 0; p < partitions; p++) {
      if (!heard.contains(p)) {
        return false;
      }
    }
    return true;
  }
}
