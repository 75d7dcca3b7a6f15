package io.tokenlens.streams.detectors;

import java.util.Optional;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The occurrences a detector already reported, per subject: the store holds the occurrence's start
 * (the value, which fixes its finding id) at the event time of its latest event (the timestamp). An
 * event close to a reported occurrence extends it instead of starting a new one, so one loop is one
 * finding however long it runs (reported again, as a new version, as it grows), and the store is
 * bounded by its retention.
 */
public final class Occurrences {

  /**
   * A reported occurrence: its first and (after the event that extended it) its latest event time,
   * and whether that event made it longer.
   */
  public record Occurrence(long start, long end, boolean grew) {}

  private final WindowStore<String, Long> store;

  public Occurrences(WindowStore<String, Long> store) {
    this.store = store;
  }

  /**
   * If an occurrence of {@code subject} had an event within [{@code from}, {@code to}], the event
   * at {@code time} belongs to it: it is extended to {@code time} and returned.
   */
  public Optional<Occurrence> absorb(String subject, long from, long to, long time) {
    Long start = null;
    long latest = Long.MIN_VALUE;
    try (WindowStoreIterator<Long> it = store.fetch(subject, from, to)) {
      while (it.hasNext()) {
        var entry = it.next();
        start = entry.value;
        latest = entry.key;
      }
    }
    if (start == null) {
      return Optional.empty();
    }
    if (time > latest) {
      store.put(subject, start, time);
    }
    return Optional.of(new Occurrence(start, Math.max(time, latest), time > latest));
  }

  /** Remembers a new occurrence of {@code subject} from {@code start} to {@code end}. */
  public void record(String subject, long start, long end) {
    store.put(subject, start, end);
  }
}
