package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops a usage event whose event id was already seen within the dedup window, so a collector retry or a replayed
 * import never counts twice. The window is processing time, not event time: a replay of old events days later is
 * still recognised as long as it comes within the window. Event ids live in a window store whose segments expire
 * with the window, so the store stays bounded. A retry carries the same event and so the same record key, and
 * lands on the same partition and store.
 */
public final class DedupProcessor implements FixedKeyProcessor<String, TokenUsage, TokenUsage> {

  /** Name of the operator and its counter entity. */
  public static final String NAME = "token-usage-dedup";
  /** Name of its store. */
  public static final String STORE = "token-usage-dedup-store";

  private final Duration window;
  private FixedKeyProcessorContext<String, TokenUsage> context;
  private WindowStore<String, Long> seen;
  private Sensor duplicates;

  public DedupProcessor(Duration window) {
    this.window = window;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TokenUsage> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
    this.duplicates = StreamsCounters.counter(context, NAME, "duplicate");
  }

  @Override
  public void process(FixedKeyRecord<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage == null) {
      return;
    }
    String eventId = usage.getEventId();
    long now = context.currentSystemTimeMs();
    try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, now - window.toMillis(), now)) {
      if (earlier.hasNext()) {
        duplicates.record();
        return;
      }
    }
    seen.put(eventId, record.timestamp(), now);
    context.forward(record);
  }
}
