package io.tokenlens.streams.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;

/**
 * A {@link CommitBufferedStore} whose buffer is the last value written per key since the commit, or a delete.
 *
 * @param <K> how the inner store addresses a value
 * @param <V> the values
 */
abstract class DirtyEntriesStore<K, V> extends CommitBufferedStore {

  /** Written since the last commit: a value, or empty for a delete. */
  private final Map<K, Optional<V>> dirty = new HashMap<>();

  DirtyEntriesStore(StateStore inner) {
    super(inner);
  }

  /** Writes {@code value} (null: deletes) at {@code key} to the inner store. */
  abstract void writeThrough(K key, V value);

  /** The value written at {@code key} since the last commit, else what {@code stored} reads. */
  final V read(K key, Supplier<V> stored) {
    Optional<V> written = dirty.get(key);
    return written != null ? written.orElse(null) : stored.get();
  }

  /** Sets {@code key} to {@code value}, or removes it when null, at the next commit. */
  final void write(K key, V value) {
    dirty.put(key, Optional.ofNullable(value));
  }

  @Override
  final void writeBuffer() {
    dirty.forEach((key, value) -> writeThrough(key, value.orElse(null)));
    dirty.clear();
  }

  @Override
  final void dropBuffer() {
    dirty.clear();
  }

  @Override
  final boolean buffered() {
    return !dirty.isEmpty();
  }
}
