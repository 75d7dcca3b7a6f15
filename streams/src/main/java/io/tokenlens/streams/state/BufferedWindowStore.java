package io.tokenlens.streams.state;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A changelogged window store (one value per key and window start) whose writes since the last commit wait in
 * memory as objects ({@link CommitBufferedStore}): a partial sum updated by every request of a batch is encoded,
 * stored and changelogged once per commit, and read back without decoding. Reads see the buffer; a scan writes it
 * first.
 *
 * @param <V> the values
 */
public final class BufferedWindowStore<V> extends DirtyEntriesStore<BufferedWindowStore.At, V> {

  /** A key and window start. */
  record At(String key, long start) {}

  private final WindowStore<String, V> inner;

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
    return read(new At(key, start), () -> inner.fetch(key, start));
  }

  /**
   * Sets {@code key} in the window starting at {@code start} to {@code value}, or removes it when null; the value
   * must not be changed afterwards unless put again.
   */
  public void put(String key, V value, long start) {
    write(new At(key, start), value);
  }

  /** The entries of {@code key} in the windows starting from {@code from} to {@code to}; writes the buffer first. */
  public WindowStoreIterator<V> fetch(String key, long from, long to) {
    writeBuffer();
    return inner.fetch(key, from, to);
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
  void writeThrough(At at, V value) {
    inner.put(at.key(), value, at.start());
  }
}
