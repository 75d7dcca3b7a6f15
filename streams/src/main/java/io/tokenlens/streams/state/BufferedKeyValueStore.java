package io.tokenlens.streams.state;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A changelogged key-value store whose puts and deletes since the last commit wait in memory as
 * objects ({@link CommitBufferedStore}): a key rewritten for every event of a batch (a candidate
 * finding updated per request) is encoded, stored and changelogged once per commit. Reads see the
 * buffer; a scan writes it first.
 *
 * @param <V> the values
 */
public final class BufferedKeyValueStore<V> extends DirtyEntriesStore<String, V> {

  private final KeyValueStore<String, V> inner;

  BufferedKeyValueStore(KeyValueStore<String, V> inner) {
    super(inner);
    this.inner = inner;
  }

  /** The store named {@code name}, with values in {@code valueSerde}. */
  public static <V> StoreBuilder<BufferedKeyValueStore<V>> storeBuilder(
      String name, Serde<V> valueSerde) {
    return new BufferedStoreBuilder<>(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde),
        BufferedKeyValueStore::new);
  }

  /**
   * A buffered store in front of {@code inner}, which is not initialised yet (this store's init
   * does it).
   */
  public static <V> BufferedKeyValueStore<V> over(KeyValueStore<String, V> inner) {
    return new BufferedKeyValueStore<>(inner);
  }

  /** The value of {@code key}, or null. */
  public V get(String key) {
    return read(key, () -> inner.get(key));
  }

  /**
   * Sets {@code key} to {@code value}; the value must not be changed afterwards unless put again.
   */
  public void put(String key, V value) {
    write(key, value);
  }

  /** Removes {@code key}. */
  public void delete(String key) {
    write(key, null);
  }

  /** Every entry, in key order; writes the buffer first. */
  public KeyValueIterator<String, V> all() {
    writeBuffer();
    return inner.all();
  }

  @Override
  void writeThrough(String key, V value) {
    if (value == null) {
      inner.delete(key);
    } else {
      inner.put(key, value);
    }
  }
}
