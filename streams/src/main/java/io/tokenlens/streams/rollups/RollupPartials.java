package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.BufferedWindowStore;
import io.tokenlens.streams.state.CommitForwarder;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The first half of the minute rollups, in the task that enriches a session's requests: each
 * request is added to the partial sums of its rollup keys and window in this task ({@link
 * #PARTIALS}, a {@link BufferedWindowStore}), and at each commit the partial sums changed since the
 * last one are forwarded, keyed by rollup key with the window start as timestamp, and dropped: a
 * partial sum is put and removed between two commits, so the store writes nothing for it, and
 * {@link RollupMerge} adds up every partial sum of every task and commit. A request whose window
 * has closed in the event time of the requests seen here (the latest one's time passed its end plus
 * grace) is forwarded as a {@code LateRecord} instead.
 */
public final class RollupPartials implements Processor<String, TokenUsage, String, Object> {

  /** Partial sums per rollup key and window start, since the last commit. */
  public static final String PARTIALS = "rollup-partials-store";

  /** Rollup keys each session was counted in, per window start. */
  public static final String SESSIONS = "rollup-sessions-store";

  private final long windowMs;
  private final long graceMs;
  private final Serializer<TokenUsage> payload;
  private ProcessorContext<String, Object> context;
  private CommitForwarder<String, Object> forwarder;
  private BufferedWindowStore<RollupTotals> partials;
  private BufferedWindowStore<byte[]> sessions;
  private Sensor late;

  /**
   * The latest event time of the requests seen here: the time windows close by. Not the task's
   * stream time, which the task's other input (agent activity, fetched ahead of the requests) can
   * move on by far more than the grace. Unknown again after a restart: a request later than its
   * window is then counted in a new partial sum, which the merge adds like any other.
   */
  private long observed = Long.MIN_VALUE;

  /** Whether the partial sums a store written by an earlier version may hold were forwarded. */
  private boolean storedForwarded;

  /**
   * @param payload serializer of the requests, for the payload of their late records
   */
  public RollupPartials(Duration window, Duration grace, Serializer<TokenUsage> payload) {
    this.windowMs = window.toMillis();
    this.graceMs = grace.toMillis();
    this.payload = payload;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.partials = context.getStateStore(PARTIALS);
    this.sessions = context.getStateStore(SESSIONS);
    this.late = StreamsCounters.counter(context, PARTIALS, "late-record");
    this.forwarder = new CommitForwarder<>(context);
    partials.onWrite(
        (key, start, sum) -> {
          if (sum != null) {
            forwarder.forward(new Record<>(key, sum, start));
          }
          return null;
        });
  }

  /**
   * How long the two stores keep a window, from its start: its size and grace, and one more window
   * so that a segment is never dropped before the window closed.
   */
  public static long retention(long windowMs, long graceMs) {
    return 2 * windowMs + graceMs;
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage == null) {
      return;
    }
    forwardStored();
    observed = Math.max(observed, record.timestamp());
    if (LateRecords.isLate(record.timestamp(), observed, windowMs, graceMs)) {
      late.record();
      context.forward(
          record.withValue(
              LateRecords.of(
                  context,
                  PARTIALS,
                  record.key(),
                  usage.getEventId(),
                  record.timestamp(),
                  observed,
                  payload.serialize(
                      context.recordMetadata().map(m -> m.topic()).orElse(PARTIALS), usage))));
      return;
    }
    long windowStart = LateRecords.windowStart(record.timestamp(), windowMs);
    List<String> keys = RollupDimensions.keys(usage);
    List<String> newSessionKeys = firstCounts(usage.getSessionId(), windowStart, keys);
    for (String key : keys) {
      RollupTotals totals = partials.fetch(key, windowStart);
      if (totals == null) {
        totals = new RollupTotals();
        totals.parts = 1;
      }
      partials.put(key, totals.add(usage, newSessionKeys.contains(key)), windowStart);
    }
  }

  /**
   * The keys among {@code keys} that {@code sessionId} was not yet counted in for the window;
   * records them.
   */
  private List<String> firstCounts(String sessionId, long windowStart, List<String> keys) {
    if (sessionId == null || sessionId.isBlank()) {
      return List.of();
    }
    List<String> counted = CountedSessions.read(sessions.fetch(sessionId, windowStart));
    List<String> fresh = new ArrayList<>(keys);
    fresh.removeAll(counted);
    if (!fresh.isEmpty()) {
      counted.addAll(fresh);
      sessions.put(sessionId, CountedSessions.write(counted), windowStart);
    }
    return fresh;
  }

  /**
   * Forwards and removes, once after a start, what the store holds: partial sums an earlier version
   * kept until their window closed. Empty otherwise.
   */
  private void forwardStored() {
    if (storedForwarded) {
      return;
    }
    storedForwarded = true;
    List<KeyValue<Windowed<String>, RollupTotals>> stored = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, RollupTotals> it = partials.all()) {
      it.forEachRemaining(stored::add);
    }
    for (KeyValue<Windowed<String>, RollupTotals> kv : stored) {
      context.forward(new Record<>(kv.key.key(), kv.value, kv.key.window().start()));
      partials.put(kv.key.key(), null, kv.key.window().start());
    }
  }
}
