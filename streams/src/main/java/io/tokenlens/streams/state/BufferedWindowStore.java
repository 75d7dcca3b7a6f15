package io.tokenlens.streams.state;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A changelogged window store (one value per key and window start) whose writes since the last
 * commit wait in memory as objects ({@link CommitBufferedStore}): a partial sum updated by every
 * request of a batch is encoded, stored and changelogged once per commit, and read back without
 * decoding. Reads see the buffer; a scan writes it first.
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

  /** What to write for an entry of the buffer as it is written; see {@link #onWrite}. */
  @FunctionalInterface
  public interface OnWrite<V> {
    /**
     * What to write at {@code key} and {@code start}, given what was buffered there (null: a
     * delete).
     */
    V writing(String key, long start, V buffered);
  }

  private OnWrite<V> onWrite = (key, start, buffered) -> buffered;

  /** The store named {@code name}, keeping windows of {@code size} for {@code retention}. */
  public static <V> StoreBuilder<BufferedWindowStore<V>> storeBuilder(
      String name, Duration retention, Duration size, Serde<V> valueSerde) {
    return storeBuilder(Stores.persistentWindowStore(name, retention, size, false), valueSerde);
  }

  /** The store {@code supplier} supplies, buffered. */
  public static <V> StoreBuilder<BufferedWindowStore<V>> storeBuilder(
      WindowBytesStoreSupplier supplier, Serde<V> valueSerde) {
    return new BufferedStoreBuilder<>(
        Stores.windowStoreBuilder(supplier, Serdes.String(), valueSerde), BufferedWindowStore::new);
  }

  /**
   * Has {@code listener} decide what is written for each entry of the buffer as the buffer is
   * written: at each commit, in the step where Kafka Streams flushes its caches (before the task's
   * records are flushed and its transaction committed), and before a scan. A processor that
   * forwards there ({@link CommitForwarder}) emits once per key and commit, in the transaction that
   * writes the key; one that returns null for an entry only put since the last commit writes
   * nothing for it.
   */
  public void onWrite(OnWrite<V> listener) {
    this.onWrite = listener;
  }

  /** The value of {@code key} in the window starting at {@code start}, or null. */
  public V fetch(String key, long start) {
    return read(new At(key, start), () -> inner.fetch(key, start));
  }

  /**
   * Sets {@code key} in the window starting at {@code start} to {@code value}, or removes it when
   * null; the value must not be changed afterwards unless put again.
   */
  public void put(String key, V value, long start) {
    write(new At(key, start), value);
  }

  /**
   * The entries of {@code key} in the windows starting from {@code from} to {@code to}; writes the
   * buffer first.
   */
  public WindowStoreIterator<V> fetch(String key, long from, long to) {
    writeBuffer();
    return inner.fetch(key, from, to);
  }

  /**
   * Every entry of the windows starting from {@code from} to {@code to}; writes the buffer first.
   */
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
  V writing(At at, V buffered) {
    return onWrite.writing(at.key(), at.start(), buffered);
  }

  @Override
  void writeThrough(At at, V value) {
    inner.put(at.key(), value, at.start());
  }
}
