package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.BufferedWindowStore;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The first half of the minute rollups, in the task that enriches a session's requests: each request is added to
 * the partial sums of its rollup keys and window in this task ({@link #PARTIALS}, a {@link BufferedWindowStore}, so a
 * key's changelog is written once per commit rather than once per request), and a window's partial sums are forwarded
 * once, keyed by rollup key with the window start as timestamp, when the window closes in the event time of the
 * requests seen here (the latest one's time passes its end plus grace). A request whose window has already closed here is forwarded as a {@code LateRecord}
 * instead. A task that has processed no request for {@link #IDLE} of wall-clock time (its partitions are quiet, so
 * its stream time stands still) forwards every partial sum it holds: a later request of the same window starts a new
 * partial sum, and {@link RollupMerge} adds up all partial sums of every task, however many there are.
 */
public final class RollupPartials implements Processor<String, TokenUsage, String, Object> {

  /** Partial sums per rollup key and window start. */
  public static final String PARTIALS = "rollup-partials-store";
  /** Rollup keys each session was counted in, per window start. */
  public static final String SESSIONS = "rollup-sessions-store";

  /** Wall-clock time without a request after which a task forwards the partial sums of its open windows. */
  public static final Duration IDLE = Duration.ofSeconds(10);

  private final long windowMs;
  private final long graceMs;
  private final Serializer<TokenUsage> payload;
  private ProcessorContext<String, Object> context;
  private BufferedWindowStore<RollupTotals> partials;
  private BufferedWindowStore<byte[]> sessions;
  private Sensor late;
  /** End of the oldest window that may still hold partial sums here; known after the first close. */
  private long openFrom = Long.MIN_VALUE;
  /**
   * The latest event time of the requests seen here: the time windows close by. Not the task's stream time, which
   * the task's other input (agent activity, fetched ahead of the requests) can move on by far more than the grace.
   * Unknown again after a restart: a request later than its window then starts a new partial sum, which the merge
   * adds like any other.
   */
  private long observed = Long.MIN_VALUE;
  /** Wall-clock time of the last request; {@code Long.MAX_VALUE} once the partial sums it left were forwarded. */
  private long lastRequestAt;

  /** @param payload serializer of the requests, for the payload of their late records */
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
    lastRequestAt = context.currentSystemTimeMs();
    context.schedule(IDLE.dividedBy(2), PunctuationType.WALL_CLOCK_TIME, this::flushWhenIdle);
  }

  /**
   * How long the two stores keep a window, from its start: its size and grace, and one more window so that a
   * segment is never dropped before the window closed.
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
    lastRequestAt = context.currentSystemTimeMs();
    observed = Math.max(observed, record.timestamp());
    closeWindows(observed);
    if (LateRecords.isLate(record.timestamp(), observed, windowMs, graceMs)) {
      late.record();
      context.forward(record.withValue(LateRecords.of(context, PARTIALS, record.key(), usage.getEventId(),
          record.timestamp(), observed, payload.serialize(context.recordMetadata().map(m -> m.topic())
              .orElse(PARTIALS), usage))));
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

  /** The keys among {@code keys} that {@code sessionId} was not yet counted in for the window; records them. */
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

  /** Forwards and deletes every partial sum once no request came for {@link #IDLE}. */
  private void flushWhenIdle(long now) {
    if (now - lastRequestAt < IDLE.toMillis()) {
      return;
    }
    List<KeyValue<Windowed<String>, RollupTotals>> open = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, RollupTotals> it = partials.all()) {
      it.forEachRemaining(open::add);
    }
    forwardAndDelete(open);
    lastRequestAt = Long.MAX_VALUE;
  }

  /** Forwards and deletes the partial sums of every window that closed at event time {@code time}. */
  private void closeWindows(long time) {
    long lastClosedStart = LateRecords.windowStart(time - graceMs, windowMs) - windowMs;
    if (lastClosedStart + windowMs <= openFrom) {
      return;
    }
    long from = Math.max(0, openFrom == Long.MIN_VALUE ? lastClosedStart - retention(windowMs, graceMs) : openFrom);
    List<KeyValue<Windowed<String>, RollupTotals>> closed = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, RollupTotals> it =
        partials.fetchAll(from, lastClosedStart)) {
      it.forEachRemaining(closed::add);
    }
    forwardAndDelete(closed);
    openFrom = lastClosedStart + windowMs;
  }

  private void forwardAndDelete(List<KeyValue<Windowed<String>, RollupTotals>> sums) {
    for (KeyValue<Windowed<String>, RollupTotals> kv : sums) {
      long start = kv.key.window().start();
      context.forward(new Record<>(kv.key.key(), kv.value, start));
      partials.put(kv.key.key(), null, start);
    }
  }
}
