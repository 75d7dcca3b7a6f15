package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.TimeLog;
import io.tokenlens.streams.state.TimeLogStore;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose event id was already seen within the dedup window, so a collector retry or a
 * replayed import never counts twice: token usage ({@link #ofUsage}) and agent activity ({@link
 * #ofActivity}), whose prompts, tool calls and decisions the detectors count. The window is
 * processing time, not event time: a replay of old events days later is still recognised as long as
 * it comes within the window.
 *
 * <p>A retry is the same event: the same record key (its session, so the same partition and store)
 * and the same event time. An event whose id is its session and sequence number ({@code
 * claude-code:<session>:<n>}, every Claude Code event) is recognised by that number in the
 * session's {@link SessionSequences}, a few bytes per session shared with the other dedup operator.
 * Any other id is kept per record key and minute of event time, in a {@link TimeLog} over
 * processing time, so its entries expire with the window; a batch of a session's events is then one
 * store entry written once per commit, and the ids of a key are read from the store once per commit
 * rather than once per event.
 */
public final class DedupProcessor<V> implements FixedKeyProcessor<String, V, V> {

  /** Name of the token usage operator and its counter entity. */
  public static final String NAME = "token-usage-dedup";

  /** Name of its store. */
  public static final String STORE = "token-usage-dedup-log";

  /** Name of the agent activity operator and its counter entity. */
  public static final String ACTIVITY_NAME = "agent-activity-dedup";

  /** Name of its store. */
  public static final String ACTIVITY_STORE = "agent-activity-dedup-log";

  private final String name;
  private final String storeName;
  private final Duration window;
  private final Function<V, String> eventId;
  private FixedKeyProcessorContext<String, V> context;
  private TimeLogStore store;
  private TimeLog<String> seen;
  private SessionSequences sequences;
  private Sensor duplicates;

  /** The ids of each key read or put since the store's last commit. */
  private final Map<String, Set<String>> known = new HashMap<>();

  private long knownAtCommit = -1;

  private DedupProcessor(
      String name, String storeName, Duration window, Function<V, String> eventId) {
    this.name = name;
    this.storeName = storeName;
    this.window = window;
    this.eventId = eventId;
  }

  /** Dedup of token usage, in {@link #STORE}. */
  public static DedupProcessor<TokenUsage> ofUsage(Duration window) {
    return new DedupProcessor<>(NAME, STORE, window, TokenUsage::getEventId);
  }

  /** Dedup of agent activity, in {@link #ACTIVITY_STORE}. */
  public static DedupProcessor<AgentActivity> ofActivity(Duration window) {
    return new DedupProcessor<>(ACTIVITY_NAME, ACTIVITY_STORE, window, AgentActivity::getEventId);
  }

  /** The store {@code name}: retention the dedup window, in processing time. */
  public static StoreBuilder<TimeLogStore> storeBuilder(String name, Duration window) {
    return TimeLog.storeBuilder(name, window.toMillis());
  }

  /** Name of the store of session sequence numbers, which both dedup operators use. */
  public static final String SEQUENCE_STORE = SessionSequences.STORE;

  /** The store {@link #SEQUENCE_STORE}, added to the topology once. */
  public static StoreBuilder<?> sequenceStoreBuilder(Duration window) {
    return SessionSequences.storeBuilder(window);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.seen = TimeLog.of(store, Serdes.String());
    this.sequences = SessionSequences.of(context, window);
    this.duplicates = StreamsCounters.counter(context, name, "duplicate");
    known.clear();
    knownAtCommit = -1;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    V value = record.value();
    if (value == null) {
      return;
    }
    String id = eventId.apply(value);
    long now = context.currentSystemTimeMs();
    long sequence = SessionSequences.sequenceOf(id, record.key());
    if (sequence >= 0 ? !sequences.add(record.key(), sequence, now) : !addId(record, id, now)) {
      duplicates.record();
      return;
    }
    context.forward(record);
  }

  /** Records {@code id} in the id log; false when it was seen already. */
  private boolean addId(FixedKeyRecord<String, V> record, String id, long now) {
    String key =
        (record.key() == null ? "" : record.key()) + "\n" + TimeLog.bucket(record.timestamp());
    if (!idsOf(key, now).add(id)) {
      return false;
    }
    seen.put(key, id, now);
    return true;
  }

  private Set<String> idsOf(String key, long now) {
    if (knownAtCommit != store.commits()) {
      known.clear(); // what was read before the last commit may have expired since
      knownAtCommit = store.commits();
    }
    return known.computeIfAbsent(
        key,
        k -> {
          Set<String> ids = new HashSet<>();
          try (WindowStoreIterator<String> it = seen.fetch(k, now - window.toMillis(), now)) {
            it.forEachRemaining(kv -> ids.add(kv.value));
          }
          return ids;
        });
  }
}
