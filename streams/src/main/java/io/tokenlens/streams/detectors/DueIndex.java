package io.tokenlens.streams.detectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A store's keys by the time each becomes due, in memory: a punctuator reads the keys due by now
 * instead of every entry of its store. It holds what the store holds, so it is rebuilt from the
 * store when a task starts.
 */
final class DueIndex {

  private final Map<String, Long> dueOf = new HashMap<>();

  /** {@code <due, zero-padded>\n<key>}: in due order. */
  private final TreeSet<String> byDue = new TreeSet<>();

  /** Sets when {@code key} is due. */
  void put(String key, long due) {
    Long before = dueOf.put(key, due);
    if (before != null) {
      byDue.remove(entry(before, key));
    }
    byDue.add(entry(due, key));
  }

  /** Forgets {@code key}. */
  void remove(String key) {
    Long before = dueOf.remove(key);
    if (before != null) {
      byDue.remove(entry(before, key));
    }
  }

  /** The keys due at or before {@code time}, earliest first. */
  List<String> dueBy(long time) {
    List<String> due = new ArrayList<>();
    for (String entry : byDue) {
      int split = entry.indexOf('\n');
      if (Long.parseLong(entry, 0, split, 10) > time) {
        break;
      }
      due.add(entry.substring(split + 1));
    }
    return due;
  }

  int size() {
    return dueOf.size();
  }

  private static String entry(long due, String key) {
    return PendingDecisions.padded(Math.max(0, due)) + "\n" + key;
  }
}
