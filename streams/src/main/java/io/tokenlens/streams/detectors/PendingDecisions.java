package io.tokenlens.streams.detectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Occurrences a detector has seen but not decided yet, so that an event arriving late within the
 * grace (a user prompt that breaks a loop) can still change the decision. Each entry is due once
 * stream time has passed its event's time plus the grace and the settle time has passed on the wall
 * clock since it was scheduled (a task's stream time is the latest of its inputs', so an input not
 * fetched yet would otherwise be decided without), or, should stream time stall, once the grace has
 * passed on the wall clock since it was scheduled. The store is keyed {@code <due,
 * zero-padded>\n<wall-clock due>\n<id>}, so the entries due by a stream time are the first ones in
 * key order. A record reads the store only when its stream time has reached the earliest due known,
 * and then from the last key decided on: an iterator from the first key would walk the tombstones
 * of every entry decided since the last compaction. An index of the store's keys by wall-clock due
 * is kept in memory and rebuilt from the store when the task starts, so the wall-clock punctuation
 * reads only the entries it decides.
 *
 * @param <V> what the decision needs of the event
 */
final class PendingDecisions<V> {

  private static final Duration DECIDE_EVERY = Duration.ofSeconds(1);
  private static final int DIGITS = 20;
  private static final int WALL_DUE_AT = DIGITS + 1;
  private static final int ID_AT = 2 * DIGITS + 2;

  private final KeyValueStore<String, V> store;
  private final long grace;
  private final long settle;

  /**
   * No key below this one is left to decide on stream time (null: unknown, read from the first
   * key).
   */
  private String decidedUpTo;

  /** Nothing is due on stream time before this (unknown after a restart). */
  private long nextDue = Long.MIN_VALUE;

  /** The store's keys, each prefixed with its wall-clock due; built on first use. */
  private TreeSet<String> byWallClockDue;

  PendingDecisions(KeyValueStore<String, V> store, long grace, long settle) {
    this.store = store;
    this.grace = grace;
    this.settle = settle;
  }

  /**
   * Has {@code context} decide the due entries with {@code decide} every second, on stream time
   * and, should it stall, on the wall clock.
   */
  void punctuate(ProcessorContext<?, ?> context, BiConsumer<String, V> decide) {
    context.schedule(
        DECIDE_EVERY,
        PunctuationType.STREAM_TIME,
        streamTime -> decideByStreamTime(streamTime, context.currentSystemTimeMs(), decide));
    context.schedule(
        DECIDE_EVERY,
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          decideByWallClock(now, decide);
          if (settle > 0) {
            decideByStreamTime(
                context.currentStreamTimeMs(), now, decide); // due on stream time, settled since
          }
        });
  }

  /**
   * Decides what is due at {@code context}'s stream time. A detector calls this on every record it
   * reads: stream time is the task's, over all its inputs, and when another input runs ahead it no
   * longer advances with this one's records, so the stream-time punctuation would not come round
   * again.
   */
  void decideDue(ProcessorContext<?, ?> context, BiConsumer<String, V> decide) {
    decideByStreamTime(context.currentStreamTimeMs(), context.currentSystemTimeMs(), decide);
  }

  /**
   * Schedules the decision on the event {@code id} at {@code eventTime}, seen at wall-clock {@code
   * now}.
   */
  void schedule(String id, long eventTime, long now, V value) {
    String key = padded(eventTime + grace) + "\n" + padded(now + grace) + "\n" + id;
    store.put(key, value);
    index().add(indexKey(key));
    nextDue = Math.min(nextDue, eventTime + grace);
    if (decidedUpTo != null && key.compareTo(decidedUpTo) < 0) {
      decidedUpTo = key; // a late event due before what was decided: read from it
    }
  }

  /**
   * Decides (and forgets) every entry due at {@code streamTime} and settled at wall-clock {@code
   * now}, in event-time order: the first entry not settled yet holds back the ones after it.
   */
  void decideByStreamTime(long streamTime, long now, BiConsumer<String, V> decide) {
    if (streamTime < nextDue) {
      return;
    }
    List<KeyValue<String, V>> due = new ArrayList<>();
    long next = Long.MAX_VALUE;
    try (KeyValueIterator<String, V> it =
        decidedUpTo == null ? store.all() : store.range(decidedUpTo, null)) {
      while (it.hasNext()) {
        KeyValue<String, V> entry = it.next();
        long entryDue = Long.parseLong(entry.key, 0, DIGITS, 10);
        if (entryDue > streamTime || settle > 0 && wallDue(entry.key) - grace + settle > now) {
          next = entryDue;
          break;
        }
        due.add(entry);
      }
    }
    if (!due.isEmpty()) {
      decidedUpTo = due.get(due.size() - 1).key;
    }
    nextDue = next;
    decide(due, decide);
  }

  /** The wall-clock due of {@code key}: the wall-clock time it was scheduled at plus the grace. */
  private static long wallDue(String key) {
    return Long.parseLong(key, WALL_DUE_AT, WALL_DUE_AT + DIGITS, 10);
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
        it.remove(); // no longer in the store (a restored task's index is rebuilt from it):
        // nothing to decide
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
      decide.accept(entry.key.substring(ID_AT), entry.value);
    }
  }

  private TreeSet<String> index() {
    if (byWallClockDue == null) {
      byWallClockDue = new TreeSet<>();
      try (KeyValueIterator<String, V> it = store.all()) {
        while (it.hasNext()) {
          byWallClockDue.add(indexKey(it.next().key));
        }
      }
    }
    return byWallClockDue;
  }

  private static String indexKey(String key) {
    return key.substring(WALL_DUE_AT, WALL_DUE_AT + DIGITS) + "\n" + key;
  }

  /**
   * {@code value} in {@value #DIGITS} digits, zero-padded: the keys sort as the numbers do (both
   * are positive).
   */
  static String padded(long value) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, DIGITS - digits.length())) + digits;
  }
}
