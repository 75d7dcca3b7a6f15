package io.tokenlens.sink;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the steps of a sink's start happened ({@link System#nanoTime()}), each recorded once, the
 * first time it happens: what the time from start to the first row inserted went to. Written by the
 * consumer thread and the inserters, read from any thread.
 */
public final class StartTimeline {

  /** The steps, in the order they usually happen; binding runs beside the group join. */
  public enum Step {
    /** {@link SinkService#run()} entered. */
    STARTED,
    /** The consumer subscribed (the topics' partition counts read, binding started). */
    SUBSCRIBED,
    /** The first partitions assigned to this instance (the group joined). */
    ASSIGNED,
    /** The first records fetched. */
    FIRST_FETCH,
    /** Every table bound (columns read, dedup window checked). */
    BOUND,
    /** The first insert handed to ClickHouse. */
    FIRST_INSERT_STARTED,
    /** The first insert acknowledged by ClickHouse. */
    FIRST_INSERT_DONE
  }

  /** How many inserts are kept in {@link #inserts()}. */
  public static final int INSERTS_KEPT = 16;

  /** One of the first inserts: when it started and ended ({@link System#nanoTime()}), its rows. */
  public record Insert(long startNanos, long endNanos, int rows) {}

  private final AtomicLongArray at = new AtomicLongArray(Step.values().length);
  private volatile int firstInsertRows;
  private final List<Insert> inserts = new ArrayList<>();

  /** Records {@code step} at {@code nanos} unless it was recorded before. */
  void mark(Step step, long nanos) {
    at.compareAndSet(step.ordinal(), 0, nanos == 0 ? 1 : nanos);
  }

  /** Records that the first insert was handed to ClickHouse with {@code rows} rows. */
  void firstInsert(int rows, long nanos) {
    if (at.compareAndSet(Step.FIRST_INSERT_STARTED.ordinal(), 0, nanos == 0 ? 1 : nanos)) {
      firstInsertRows = rows;
    }
  }

  /** Records one insert while fewer than {@value #INSERTS_KEPT} are kept. */
  void inserted(long startNanos, long endNanos, int rows) {
    synchronized (inserts) {
      if (inserts.size() < INSERTS_KEPT) {
        inserts.add(new Insert(startNanos, endNanos, rows));
      }
    }
  }

  /** The first {@value #INSERTS_KEPT} inserts that ended, in the order they ended. */
  public List<Insert> inserts() {
    synchronized (inserts) {
      return List.copyOf(inserts);
    }
  }

  /** When {@code step} happened, empty before. */
  public OptionalLong at(Step step) {
    long nanos = at.get(step.ordinal());
    return nanos == 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
  }

  /** The rows of the first insert, 0 before it. */
  public int firstInsertRows() {
    return firstInsertRows;
  }

  /**
   * The first inserts as seconds from {@link Step#STARTED}: {@code start-end (rows)}, e.g. {@code
   * 0.53-0.63 (6,250)}.
   */
  public List<String> insertsFromStart() {
    long started = at(Step.STARTED).orElse(0);
    return inserts().stream()
        .map(
            i ->
                String.format(
                    "%.2f-%.2f (%,d)",
                    (i.startNanos() - started) / 1e9, (i.endNanos() - started) / 1e9, i.rows()))
        .toList();
  }

  /** Seconds from {@link Step#STARTED} to each step recorded so far. */
  public Map<Step, Double> secondsFromStart() {
    Map<Step, Double> seconds = new EnumMap<>(Step.class);
    OptionalLong started = at(Step.STARTED);
    if (started.isEmpty()) {
      return seconds;
    }
    for (Step step : Step.values()) {
      at(step).ifPresent(n -> seconds.put(step, (n - started.getAsLong()) / 1e9));
    }
    return seconds;
  }
}
