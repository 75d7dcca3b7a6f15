package io.tokenlens.streams.enrichment;

import io.tokenlens.streams.state.BufferedWindowStore;
import io.tokenlens.streams.state.SequenceSet;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The event sequence numbers seen per session, for the events whose id the source derives from its
 * session and sequence ({@code claude-code:<session>:<sequence>}, as the collectors name Claude
 * Code's events): a retry carries the same number, so the numbers seen identify the events seen.
 * Token usage and agent activity of a session share one numbering and one set ({@link #STORE},
 * connected to both dedup operators, which run in the same task since both topics are keyed by
 * session): a session's events, in order and without gaps, are one range whatever their count, so
 * the state grows with sessions, not events.
 *
 * <p>The set of a session is kept per hour of processing time, each hour's entry holding every
 * number still known; an hour's entry is dropped with its store segment once the dedup window has
 * passed it, so a session silent for the window is forgotten, as its event ids were.
 */
final class SessionSequences {

  /** The store, shared by the dedup of token usage and of agent activity. */
  static final String STORE = "session-sequence-dedup";

  private static final String PREFIX = "claude-code:";
  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final BufferedWindowStore<SequenceSet> store;
  private final long window;

  private SessionSequences(BufferedWindowStore<SequenceSet> store, Duration window) {
    this.store = store;
    this.window = window.toMillis();
  }

  static SessionSequences of(ProcessingContext context, Duration window) {
    return new SessionSequences(context.getStateStore(STORE), window);
  }

  /** The store: hourly entries kept for the dedup window and the hour being written. */
  static StoreBuilder<BufferedWindowStore<SequenceSet>> storeBuilder(Duration window) {
    return BufferedWindowStore.storeBuilder(
        STORE, window.plusMillis(HOUR_MS), Duration.ofMillis(HOUR_MS), SequenceSet.serde());
  }

  /**
   * The sequence number in {@code eventId} when it is {@code claude-code:<key>:<n>} for the record
   * key {@code key}, else -1 (the event is deduplicated by its id).
   */
  static long sequenceOf(String eventId, String key) {
    if (eventId == null
        || key == null
        || !eventId.startsWith(PREFIX)
        || eventId.length() <= PREFIX.length() + key.length() + 1
        || !eventId.startsWith(key, PREFIX.length())
        || eventId.charAt(PREFIX.length() + key.length()) != ':') {
      return -1;
    }
    int from = PREFIX.length() + key.length() + 1;
    if (eventId.length() - from > 18) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < eventId.length(); i++) {
      char c = eventId.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /**
   * Records {@code sequence} for {@code session} at processing time {@code now}; false when it was
   * seen already.
   */
  boolean add(String session, long sequence, long now) {
    long hour = Math.floorDiv(now, HOUR_MS) * HOUR_MS;
    SequenceSet set = store.fetch(session, hour);
    if (set == null) {
      SequenceSet earlier = latestBefore(session, hour, now - window);
      set = earlier == null ? new SequenceSet() : earlier.copy();
    }
    if (!set.add(sequence)) {
      return false;
    }
    store.put(session, set, hour);
    return true;
  }

  /**
   * The latest entry of {@code session} in an hour before {@code hour} that starts after {@code
   * since}, or null.
   */
  private SequenceSet latestBefore(String session, long hour, long since) {
    for (long h = hour - HOUR_MS; h + HOUR_MS > since; h -= HOUR_MS) {
      SequenceSet set = store.fetch(session, h);
      if (set != null) {
        return set;
      }
    }
    return null;
  }
}
