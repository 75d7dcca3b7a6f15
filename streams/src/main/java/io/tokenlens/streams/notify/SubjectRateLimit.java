package io.tokenlens.streams.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * At most {@code limit} notifications per subject in each period (a fixed window per subject,
 * starting with its first notification, by the wall clock). What the limit holds back is dropped
 * and counted: in total ({@link #suppressed()}) and per subject, and the count of a subject is
 * handed to its next notification that passes ({@link #take}), which says how many were held back.
 * The windows live in memory; {@link #state} and {@link #restore} let the notifier keep them in its
 * rate-limit topic ({@link RateLimitLog}) and read them back at start.
 */
final class SubjectRateLimit {

  private final int limit;
  private final Duration period;
  private final Map<String, Window> windows = new HashMap<>();
  private long suppressed;

  private static final class Window {
    Instant start;
    int sent;
    int held;

    Window(Instant start) {
      this.start = start;
    }
  }

  /**
   * @param limit notifications per subject and period; 0 for no limit
   */
  SubjectRateLimit(int limit, Duration period) {
    this.limit = limit;
    this.period = period;
  }

  /**
   * Counts a notification of {@code subject} at {@code now}: -1 when it is held back, else how many
   * of the subject were held back since its last notification that passed (0 mostly).
   */
  int take(String subject, Instant now) {
    if (limit <= 0) {
      return 0;
    }
    if (windows.size() > 10_000) {
      forgetExpired(now);
    }
    Window w = windows.computeIfAbsent(subject, s -> new Window(now));
    if (!now.isBefore(w.start.plus(period))) {
      w.start = now;
      w.sent = 0;
    }
    if (w.sent >= limit) {
      w.held++;
      suppressed++;
      return -1;
    }
    w.sent++;
    int held = w.held;
    w.held = 0;
    return held;
  }

  /** One subject's window: when it started, how many passed in it, how many were held back. */
  record State(Instant start, int sent, int held) {}

  /** The window of {@code subject}, or null when it has none. */
  State state(String subject) {
    Window w = windows.get(subject);
    return w == null ? null : new State(w.start, w.sent, w.held);
  }

  /** Sets the window of {@code subject}, as recorded before a restart. */
  void restore(String subject, State state) {
    Window w = new Window(state.start());
    w.sent = state.sent();
    w.held = state.held();
    windows.put(subject, w);
  }

  /** Notifications held back since the start. */
  long suppressed() {
    return suppressed;
  }

  private void forgetExpired(Instant now) {
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      Window w = it.next();
      if (w.held == 0 && !now.isBefore(w.start.plus(period))) {
        it.remove();
      }
    }
  }
}
