package io.tokenlens.streams.detectors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Occurrences a detector has seen but not decided yet, so that an event arriving late within the grace (a user
 * prompt that breaks a loop) can still change the decision. Each entry is due once stream time has passed its
 * event's time plus the grace, or, should stream time stall, once the grace has passed on the wall clock since it
 * was scheduled. The store is keyed {@code <due, zero-padded>\n<wall-clock due>\n<id>}, so the entries due by a
 * stream time are the store's first ones.
 *
 * @param <V> what the decision needs of the event
 */
final class PendingDecisions<V> {

  private static final String FORMAT = "%020d\n%020d\n%s";

  private final KeyValueStore<String, V> store;
  private final long grace;

  PendingDecisions(KeyValueStore<String, V> store, long grace) {
    this.store = store;
    this.grace = grace;
  }

  /** Schedules the decision on the event {@code id} at {@code eventTime}, seen at wall-clock {@code now}. */
  void schedule(String id, long eventTime, long now, V value) {
    store.put(String.format(FORMAT, eventTime + grace, now + grace, id), value);
  }

  /** Decides (and forgets) every entry due at {@code streamTime}, in event-time order. */
  void decideByStreamTime(long streamTime, BiConsumer<String, V> decide) {
    List<KeyValue<String, V>> due = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, V> entry = it.next();
        if (Long.parseLong(entry.key.substring(0, 20)) > streamTime) {
          break;
        }
        due.add(entry);
      }
    }
    decide(due, decide);
  }

  /** Decides (and forgets) every entry whose grace has passed on the wall clock at {@code now}. */
  void decideByWallClock(long now, BiConsumer<String, V> decide) {
    List<KeyValue<String, V>> due = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, V> entry = it.next();
        if (Long.parseLong(entry.key.substring(21, 41)) <= now) {
          due.add(entry);
        }
      }
    }
    decide(due, decide);
  }

  private void decide(List<KeyValue<String, V>> due, BiConsumer<String, V> decide) {
    for (KeyValue<String, V> entry : due) {
      store.delete(entry.key);
      decide.accept(entry.key.substring(42), entry.value);
    }
  }
}
