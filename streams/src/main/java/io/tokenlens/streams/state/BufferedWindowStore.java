package io.tokenlens.streams.state;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * A changelogged window store (one value per key and window start) whose writes since the last commit wait in
 * memory as objects ({@link CommitBufferedStore}): a partial sum updated by every request of a batch is encoded,
 * stored and changelogged once per commit, and read back without decoding. Reads see the buffer; a scan writes it
 * first.
 *
 * @param <V> the values
 */
public final class BufferedWindowStore<V> extends CommitBufferedStore {

  /** A key and window start. */
  private record At(String key, long start) {}

  private final WindowStore<String, V> inner;
  /** Written since the last commit: a value, or empty for a delete. */
  private final Map<At, Optional<V>> dirty = new HashMap<>();

  BufferedWindowStore(WindowStore<String, V> inner) {
    super(inner);
    this.inner = inner;
  }

  /** The store named {@code name}, keeping windows of {@code size} for {@code retention}. */
  public static <V> StoreBuilder<BufferedWindowStore<V>> storeBuilder(String name, Duration retention, Duration size,
      Serde<V> valueSerde) {
    return new BufferedStoreBuilder<>(Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, size,
        false), Serdes.String(), valueSerde), BufferedWindowStore::new);
  }

  /** The value of {@code key} in the window starting at {@code start}, or null. */
  public V fetch(String key, long start) {
    Optional<V> written = dirty.get(new At(key, start));
    return written != null ? written.orElse(null) : inner.fetch(key, start);
  }

  /**
   * Sets {@code key} in the window starting at {@code start} to {@code value}, or removes it when null; the value
   * must not be changed afterwards unless put again.
   */
  public void put(String key, V value, long start) {
    dirty.put(new At(key, start), Optional.ofNullable(value));
  }

  /** Every entry of the windows starting from {@code from} to {@code to}; writes the buffer first. */
  public KeyValueIterator<Windowed<String>, V> fetchAll(long from, long to) {
    writeBuffer();
    return inner.fetchAll(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
  }

  /** Every entry; writes the buffer first. */
  public KeyValueIterator<Windowed<String>, V> all() {
    writeBuffer();
    return inner.all();
  }

  @Override
  void writeBuffer() {
    for (Map.Entry<At, Optional<V>> entry : dirty.entrySet()) {
      inner.put(entry.getKey().key(), entry.getValue().orElse(null), entry.getKey().start());
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
