package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.state.StoreGeneration;
import io.tokenlens.streams.state.WriteCountedStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The price book over the global {@code model-prices} store, which holds every price period of
 * every model under its catalog key {@code <provider>/<model>@<effectiveFrom>}. The book keeps the
 * periods of each model in memory, sorted by start, read from the whole store again after it
 * changed ({@link WriteCountedStore}; the store holds a few entries per model): the period in
 * effect at {@code t} is the one with the latest {@code effectiveFrom} not after {@code t}, found
 * by a binary search. A new price is a new key; older periods stay and keep pricing the past.
 */
public final class StorePriceBook implements PriceBook {

  private static final Comparator<ModelPrice> BY_START =
      Comparator.comparing(ModelPrice::getEffectiveFrom);

  private final TimestampedKeyValueStore<String, ModelPrice> store;
  private final StoreGeneration generation;
  private Map<String, ModelPrice[]> periodsByModel = Map.of();
  private long readGeneration;

  /** The model of the last lookup and its periods: a session's requests mostly use one model. */
  private String lastProvider;

  private String lastModel;
  private ModelPrice[] lastPeriods;

  public StorePriceBook(TimestampedKeyValueStore<String, ModelPrice> store) {
    this.store = store;
    this.generation = WriteCountedStore.generationOf(store);
    this.readGeneration = generation.current() - 1;
  }

  @Override
  public Optional<ModelPrice> priceAt(String provider, String model, Instant at) {
    long current = generation.current();
    if (current != readGeneration) {
      periodsByModel = readPeriods();
      readGeneration = current;
      lastPeriods = periodsByModel.get(RecordKeys.modelPricePrefix(provider, model));
    } else if (!Objects.equals(provider, lastProvider) || !Objects.equals(model, lastModel)) {
      lastPeriods = periodsByModel.get(RecordKeys.modelPricePrefix(provider, model));
    }
    lastProvider = provider;
    lastModel = model;
    ModelPrice[] periods = lastPeriods;
    return periods == null ? Optional.empty() : Optional.ofNullable(latestNotAfter(periods, at));
  }

  /**
   * The periods of each model, sorted by start, under their key prefix {@code <provider>/<model>@}.
   */
  private Map<String, ModelPrice[]> readPeriods() {
    Map<String, List<ModelPrice>> byModel = new HashMap<>();
    try (KeyValueIterator<String, ValueAndTimestamp<ModelPrice>> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, ValueAndTimestamp<ModelPrice>> period = all.next();
        ModelPrice price = period.value == null ? null : period.value.value();
        int at = period.key.lastIndexOf('@');
        if (price != null && at >= 0) {
          byModel
              .computeIfAbsent(period.key.substring(0, at + 1), k -> new ArrayList<>())
              .add(price);
        }
      }
    }
    Map<String, ModelPrice[]> sorted = new HashMap<>();
    byModel.forEach(
        (prefix, prices) -> {
          prices.sort(BY_START);
          sorted.put(prefix, prices.toArray(ModelPrice[]::new));
        });
    return sorted;
  }

  /** The period with the latest start not after {@code at}, or null. */
  private static ModelPrice latestNotAfter(ModelPrice[] periods, Instant at) {
    int low = 0;
    int high = periods.length - 1;
    ModelPrice found = null;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (periods[mid].getEffectiveFrom().isAfter(at)) {
        high = mid - 1;
      } else {
        found = periods[mid];
        low = mid + 1;
      }
    }
    return found;
  }
}
