package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.PrAttribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * How the attribution join emits: every update of a pull request's attribution (each request
 * attributed to it, each of its events) goes through here. With an interval, the latest attribution
 * of each pull request updated is kept in {@link #STORE} and a wall-clock punctuation emits and
 * removes them every interval, so a pull request worked on by an agent making hundreds of requests
 * a minute costs one {@code pr-attribution} record per interval, not one per request, and so do the
 * three parts of the job that read {@code pr-attribution} back. The store is changelogged, so an
 * update not emitted yet when the process dies is emitted after the restore; it is cached, so its
 * changelog is written once per pull request and commit. With an interval of zero every update is
 * emitted at once.
 */
final class PendingAttributions {

  /**
   * The latest attribution of each pull request updated since the last emission, by pull-request
   * key.
   */
  static final String STORE = "pr-attribution-pending";

  private final ProcessorContext<String, PrAttribution> context;
  private final KeyValueStore<String, PrAttribution> pending;

  PendingAttributions(ProcessorContext<String, PrAttribution> context, Duration interval) {
    this.context = context;
    if (interval.isZero()) {
      this.pending = null;
    } else {
      this.pending = context.getStateStore(STORE);
      context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> emitPending());
    }
  }

  /** The store: pull-request key to attribution, cached. */
  static StoreBuilder<KeyValueStore<String, PrAttribution>> storeBuilder(
      Serde<PrAttribution> attributionSerde) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), attributionSerde)
        .withCachingEnabled();
  }

  /**
   * Emits {@code attribution}, the latest of the pull request {@code prKey}, now or with the next
   * emission.
   */
  void emit(String prKey, PrAttribution attribution, long timestamp) {
    if (pending == null) {
      context.forward(new Record<>(prKey, attribution, timestamp));
    } else {
      pending.put(prKey, attribution);
    }
  }

  /** Emits every pending attribution, timestamped with its last update, and forgets it. */
  void emitPending() {
    List<KeyValue<String, PrAttribution>> due = new ArrayList<>();
    try (KeyValueIterator<String, PrAttribution> it = pending.all()) {
      it.forEachRemaining(due::add);
    }
    for (KeyValue<String, PrAttribution> entry : due) {
      context.forward(
          new Record<>(entry.key, entry.value, entry.value.getUpdatedAt().toEpochMilli()));
      pending.delete(entry.key);
    }
  }
}
