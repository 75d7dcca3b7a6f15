package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.RecordKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The recently merged pull requests of the services of one partition: the final attribution of
 * each, under {@code <service>|<owner/name>#<number>} at its merge time, kept for the store's
 * retention. One key per pull request (not per service) so that two merges in the same millisecond
 * do not overwrite each other and a replayed final attribution overwrites itself.
 */
final class MergedPrs {

  private final WindowStore<String, PrAttribution> store;

  MergedPrs(ProcessingContext context, String storeName) {
    this.store = context.getStateStore(storeName);
  }

  static String key(String service, String prKey) {
    return service + "|" + prKey;
  }

  void remember(PrAttribution merged) {
    store.put(
        key(merged.getService(), RecordKeys.prAttribution(merged)),
        merged,
        merged.getMergedAt().toEpochMilli());
  }

  /** The pull requests merged into {@code service} between two instants, in merge order. */
  List<PrAttribution> mergedBetween(String service, Instant from, Instant to) {
    List<PrAttribution> out = new ArrayList<>();
    // '|' + 1 is '}': every key "<service>|..." sorts below "<service>}"
    try (KeyValueIterator<Windowed<String>, PrAttribution> it =
        store.fetch(service + "|", service + "}", from, to)) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    out.sort((a, b) -> a.getMergedAt().compareTo(b.getMergedAt()));
    return out;
  }

  /** The pull request {@code prKey} if it was merged into {@code service} between two instants. */
  PrAttribution find(String service, String prKey, Instant from, Instant to) {
    PrAttribution found = null;
    try (WindowStoreIterator<PrAttribution> it = store.fetch(key(service, prKey), from, to)) {
      while (it.hasNext()) {
        KeyValue<Long, PrAttribution> kv = it.next();
        found = kv.value;
      }
    }
    return found;
  }
}
