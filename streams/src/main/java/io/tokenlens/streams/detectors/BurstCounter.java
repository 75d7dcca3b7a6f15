package io.tokenlens.streams.detectors;

import io.tokenlens.streams.state.TimeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * "At least {@code minCount} events of one subject within {@code window}", over a window store of
 * the subject's events (event time, duplicates retained), reporting each burst as one occurrence:
 * an event that extends an already-reported burst is absorbed by {@link Occurrences}; when it makes
 * the occurrence longer, the occurrence is returned again, grown to it, with a higher {@link
 * Burst#version()}. Events may arrive out of order, within the stores' retention.
 */
public final class BurstCounter {

  private final int minCount;
  private final long window;
  private final TimeLog<Sample> events;
  private final Occurrences occurrences;

  public BurstCounter(int minCount, long window, TimeLog<Sample> events, Occurrences occurrences) {
    this.minCount = minCount;
    this.window = window;
    this.events = events;
    this.occurrences = occurrences;
  }

  /**
   * Retention both stores need: a window either side of an event, plus the grace for out-of-order
   * events.
   */
  public static long retention(long window, long grace) {
    return 2 * window + grace;
  }

  /** {@link #add(String, long, Sample, long, long)} with no boundary but the window. */
  public Optional<Burst> add(String subject, long time, Sample sample) {
    return add(subject, time, sample, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Records the event of {@code subject} at {@code time}; returns the burst it completes or grows.
   * Only events within [{@code notBefore}, {@code notAfter}] count with it (e.g. the span between
   * two user prompts).
   */
  public Optional<Burst> add(
      String subject, long time, Sample sample, long notBefore, long notAfter) {
    events.put(subject, sample, time);
    return evaluate(subject, time, notBefore, notAfter);
  }

  /**
   * Records the event of {@code subject} at {@code time} without deciding on it (see {@link
   * #evaluate}).
   */
  public void record(String subject, long time, Sample sample) {
    events.put(subject, sample, time);
  }

  /**
   * The burst the recorded event of {@code subject} at {@code time} completes (it is then
   * remembered as reported) or grows. Only events within [{@code notBefore}, {@code notAfter}]
   * count with it.
   */
  public Optional<Burst> evaluate(String subject, long time, long notBefore, long notAfter) {
    Optional<Burst> burst = candidate(subject, time, notBefore, notAfter);
    burst.ifPresent(b -> report(subject, b));
    return burst;
  }

  /** Remembers {@code burst} of {@code subject} as reported. */
  public void report(String subject, Burst burst) {
    occurrences.record(subject, burst.start(), burst.end());
  }

  /**
   * {@link #evaluate} without remembering a new burst as reported, for a caller that decides on it
   * further (an event close to a reported occurrence still extends it, and the occurrence grown to
   * it is returned).
   */
  public Optional<Burst> candidate(String subject, long time, long notBefore, long notAfter) {
    long from = Math.max(time - window, notBefore);
    long to = Math.min(time + window, notAfter);
    Optional<Occurrences.Occurrence> reported = occurrences.absorb(subject, from, to, time);
    if (reported.isPresent()) {
      return reported.get().grew()
          ? grown(subject, reported.get(), notBefore, notAfter)
          : Optional.empty();
    }
    List<Long> times = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    fetch(subject, from, to, times, samples);
    for (int i = 0, j = 0; i < times.size() && times.get(i) <= time; i++) {
      j = Math.max(j, i);
      while (j + 1 < times.size() && times.get(j + 1) - times.get(i) <= window) {
        j++;
      }
      if (times.get(j) >= time && j - i + 1 >= minCount) {
        return Optional.of(
            new Burst(
                times.get(i), times.get(j), samples.subList(i, j + 1), times.subList(i, j + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * The reported {@code occurrence} of {@code subject} with every event from its start to its (new)
   * end.
   */
  private Optional<Burst> grown(
      String subject, Occurrences.Occurrence occurrence, long notBefore, long notAfter) {
    List<Long> times = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    fetch(
        subject,
        Math.max(occurrence.start(), notBefore),
        Math.min(occurrence.end(), notAfter),
        times,
        samples);
    if (times.size() < minCount) {
      return Optional.empty();
    }
    return Optional.of(
        new Burst(occurrence.start(), times.get(times.size() - 1), samples, times).grown(minCount));
  }

  private void fetch(String subject, long from, long to, List<Long> times, List<Sample> samples) {
    try (WindowStoreIterator<Sample> it = events.fetch(subject, from, to)) {
      while (it.hasNext()) {
        var entry = it.next();
        times.add(entry.key);
        samples.add(entry.value);
      }
    }
  }
}
