package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.TimeLog;
import io.tokenlens.streams.state.TimeLogStore;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops a usage event whose event id was already seen within the dedup window, so a collector retry or a replayed
 * import never counts twice. The window is processing time, not event time: a replay of old events days later is
 * still recognised as long as it comes within the window.
 *
 * <p>A retry is the same event: the same record key (its session, so the same partition and store) and the same
 * event time. The ids seen are kept per record key and minute of event time, in a {@link TimeLog} over processing
 * time, so its entries expire with the window. A batch of a session's events is then one store entry written once
 * per commit, and the ids of a key are read from the store once per commit rather than once per event.
 */
public final class DedupProcessor implements FixedKeyProcessor<String, TokenUsage, TokenUsage> {

  /** Name of the operator and its counter entity. */
  public static final String NAME = "token-usage-dedup";
  /** Name of its store. */
  public static final String STORE = "token-usage-dedup-log";

  private final Duration window;
  private FixedKeyProcessorContext<String, TokenUsage> context;
  private TimeLogStore store;
  private TimeLog<String> seen;
  private Sensor duplicates;
  /** The ids of each key read or put since the store's last commit. */
  private final Map<String, Set<String>> known = new HashMap<>();
  private long knownAtCommit = -1;

  public DedupProcessor(Duration window) {
    this.window = window;
  }

  /** The store: retention the dedup window, in processing time. */
  public static StoreBuilder<TimeLogStore> storeBuilder(Duration window) {
    return TimeLog.storeBuilder(STORE, window.toMillis());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TokenUsage> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.seen = TimeLog.of(store, Serdes.String());
    this.duplicates = StreamsCounters.counter(context, NAME, "duplicate");
    known.clear();
    knownAtCommit = -1;
  }

  @Override
  public void process(FixedKeyRecord<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage == null) {
      return;
    }
    String key = (record.key() == null ? "" : record.key()) + "\n" + TimeLog.bucket(record.timestamp());
    long now = context.currentSystemTimeMs();
    Set<String> ids = idsOf(key, now);
    if (!ids.add(usage.getEventId())) {
      duplicates.record();
      return;
    }
    seen.put(key, usage.getEventId(), now);
    context.forward(record);
  }

  private Set<String> idsOf(String key, long now) {
    if (knownAtCommit != store.commits()) {
      known.clear(); // what was read before the last commit may have expired since
      knownAtCommit = store.commits();
    }
    return known.computeIfAbsent(key, k -> {
      Set<String> ids = new HashSet<>();
      try (WindowStoreIterator<String> it = seen.fetch(k, now - window.toMillis(), now)) {
        it.forEachRemaining(kv -> ids.add(kv.value));
      }
      return ids;
    });
  }
}
