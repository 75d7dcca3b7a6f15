package io.tokenlens.streams.detectors;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Occurrences a detector has seen but not decided yet, so that an event arriving late within the grace (a user
 * prompt that breaks a loop) can still change the decision. Each entry is due once stream time has passed its
 * event's time plus the grace, or, should stream time stall, once the grace has passed on the wall clock since it
 * was scheduled. The store is keyed {@code <due, zero-padded>\n<wall-clock due>\n<id>}, so the entries due by a
 * stream time are the first ones in key order. Two indexes of the store's keys are kept in memory and rebuilt from
 * the store when the task starts: in key order, so that each record asks the store only for the entries it decides
 * (a store iterator per record would also walk the tombstones of every entry decided since the last compaction),
 * and by wall-clock due, so the wall-clock punctuation reads only the entries it decides.
 *
 * @param <V> what the decision needs of the event
 */
final class PendingDecisions<V> {

  private static final int DIGITS = 20;
  private static final int WALL_DUE_AT = DIGITS + 1;
  private static final int ID_AT = 2 * DIGITS + 2;

  private final KeyValueStore<String, V> store;
  private final long grace;
  /** The store's keys, in key order (stream-time due first); built on first use, with the other index. */
  private TreeSet<String> byDue;
  /** The store's keys, each prefixed with its wall-clock due; built on first use. */
  private TreeSet<String> byWallClockDue;

  PendingDecisions(KeyValueStore<String, V> store, long grace) {
    this.store = store;
    this.grace = grace;
  }

  /** Schedules the decision on the event {@code id} at {@code eventTime}, seen at wall-clock {@code now}. */
  void schedule(String id, long eventTime, long now, V value) {
    String key = padded(eventTime + grace) + "\n" + padded(now + grace) + "\n" + id;
    store.put(key, value);
    index().add(indexKey(key));
    byDue.add(key);
  }

  /** Decides (and forgets) every entry due at {@code streamTime}, in event-time order. */
  void decideByStreamTime(long streamTime, BiConsumer<String, V> decide) {
    index();
    List<KeyValue<String, V>> due = new ArrayList<>();
    Iterator<String> it = byDue.iterator();
    while (it.hasNext()) {
      String key = it.next();
      if (Long.parseLong(key, 0, DIGITS, 10) > streamTime) {
        break;
      }
      V value = store.get(key);
      if (value == null) {
        it.remove();
      } else {
        due.add(KeyValue.pair(key, value));
      }
    }
    decide(due, decide);
  }

  /** Decides (and forgets) every entry whose grace has passed on the wall clock at {@code now}. */
  void decideByWallClock(long now, BiConsumer<String, V> decide) {
    List<KeyValue<String, V>> due = new ArrayList<>();
    Iterator<String> it = index().iterator();
    while (it.hasNext()) {
      String indexed = it.next();
      if (Long.parseLong(indexed, 0, DIGITS, 10) > now) {
        break;
      }
      String key = indexed.substring(WALL_DUE_AT);
      V value = store.get(key);
      if (value == null) {
        it.remove(); // no longer in the store (a restored task's index is rebuilt from it): nothing to decide
      } else {
        due.add(KeyValue.pair(key, value));
      }
    }
    decide(due, decide);
  }

  private void decide(List<KeyValue<String, V>> due, BiConsumer<String, V> decide) {
    for (KeyValue<String, V> entry : due) {
      store.delete(entry.key);
      index().remove(indexKey(entry.key));
      byDue.remove(entry.key);
      decide.accept(entry.key.substring(ID_AT), entry.value);
    }
  }

  private TreeSet<String> index() {
    if (byWallClockDue == null) {
      byWallClockDue = new TreeSet<>();
      byDue = new TreeSet<>();
      try (KeyValueIterator<String, V> it = store.all()) {
        while (it.hasNext()) {
          String key = it.next().key;
          byWallClockDue.add(indexKey(key));
          byDue.add(key);
        }
      }
    }
    return byWallClockDue;
  }

  private static String indexKey(String key) {
    return key.substring(WALL_DUE_AT, WALL_DUE_AT + DIGITS) + "\n" + key;
  }

  /** {@code value} in {@value #DIGITS} digits, zero-padded: the keys sort as the numbers do (both are positive). */
  static String padded(long value) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, DIGITS - digits.length())) + digits;
  }
}
