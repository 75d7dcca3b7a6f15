package io.tokenlens.streams.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A changelogged key-value store whose puts and deletes since the last commit wait in memory as objects
 * ({@link CommitBufferedStore}): a key rewritten for every event of a batch (a candidate finding updated per
 * request) is encoded, stored and changelogged once per commit. Reads see the buffer; a scan writes it first.
 *
 * @param <V> the values
 */
public final class BufferedKeyValueStore<V> extends CommitBufferedStore {

  private final KeyValueStore<String, V> inner;
  /** Written since the last commit: a value, or empty for a delete. */
  private final Map<String, Optional<V>> dirty = new HashMap<>();

  BufferedKeyValueStore(KeyValueStore<String, V> inner) {
    super(inner);
    this.inner = inner;
  }

  /** The store named {@code name}, with values in {@code valueSerde}. */
  public static <V> StoreBuilder<BufferedKeyValueStore<V>> storeBuilder(String name, Serde<V> valueSerde) {
    return new BufferedStoreBuilder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
        Serdes.String(), valueSerde), BufferedKeyValueStore::new);
  }

  /** A buffered store in front of {@code inner}, which is not initialised yet (this store's init does it). */
  public static <V> BufferedKeyValueStore<V> over(KeyValueStore<String, V> inner) {
    return new BufferedKeyValueStore<>(inner);
  }

  /** The value of {@code key}, or null. */
  public V get(String key) {
    Optional<V> written = dirty.get(key);
    return written != null ? written.orElse(null) : inner.get(key);
  }

  /** Sets {@code key} to {@code value}; the value must not be changed afterwards unless put again. */
  public void put(String key, V value) {
    dirty.put(key, Optional.of(value));
  }

  /** Removes {@code key}. */
  public void delete(String key) {
    dirty.put(key, Optional.empty());
  }

  /** Every entry, in key order; writes the buffer first. */
  public KeyValueIterator<String, V> all() {
    writeBuffer();
    return inner.all();
  }

  @Override
  void writeBuffer() {
    for (Map.Entry<String, Optional<V>> entry : dirty.entrySet()) {
      if (entry.getValue().isPresent()) {
        inner.put(entry.getKey(), entry.getValue().get());
      } else {
        inner.delete(entry.getKey());
      }
    }
    dirty.clear();
  }

  @Override
  void dropBuffer() {
    dirty.clear();
  }

  @Override
  boolean buffered() {
    return !dirty.isEmpty();
  }
}
