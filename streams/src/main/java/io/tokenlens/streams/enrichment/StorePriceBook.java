package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.RecordKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The price book over the global {@code model-prices} store, which holds every price period of
 * every model under its catalog key {@code <provider>/<model>@<effectiveFrom>}: the keys of one
 * model sort by time, so the period in effect at {@code t} is the first entry of a reverse range
 * scan from {@code <provider>/<model>@<t>} whose {@code effectiveFrom} is not after {@code t}. A
 * new price is a new key; older periods stay and keep pricing the past.
 */
public final class StorePriceBook implements PriceBook {

  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<ModelPrice>> store;

  public StorePriceBook(ReadOnlyKeyValueStore<String, ValueAndTimestamp<ModelPrice>> store) {
    this.store = store;
  }

  @Override
  public Optional<ModelPrice> priceAt(String provider, String model, Instant at) {
    String prefix = RecordKeys.modelPricePrefix(provider, model);
    String upTo = prefix + at.truncatedTo(ChronoUnit.SECONDS);
    try (KeyValueIterator<String, ValueAndTimestamp<ModelPrice>> periods =
        store.reverseRange(prefix, upTo)) {
      while (periods.hasNext()) {
        KeyValue<String, ValueAndTimestamp<ModelPrice>> period = periods.next();
        ModelPrice price = period.value == null ? null : period.value.value();
        if (price != null && !price.getEffectiveFrom().isAfter(at)) {
          return Optional.of(price);
        }
      }
    }
    return Optional.empty();
  }
}
