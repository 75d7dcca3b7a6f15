package io.tokenlens.streams.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;

/**
 * A {@link CommitBufferedStore} whose buffer is the last value written per key since the commit, or
 * a delete. A delete of a key the inner store was read not to hold since the commit (a value put
 * and removed between two commits) writes nothing: a tombstone for a key that never reached the
 * store is a wasted changelog record.
 *
 * @param <K> how the inner store addresses a value
 * @param <V> the values
 */
abstract class DirtyEntriesStore<K, V> extends CommitBufferedStore {

  /** Written since the last commit: a value, or empty for a delete. */
  private final Map<K, Optional<V>> dirty = new HashMap<>();

  /** Keys the inner store was read not to hold since the last commit. */
  private final Set<K> absent = new HashSet<>();

  DirtyEntriesStore(StateStore inner) {
    super(inner);
  }

  /** Writes {@code value} (null: deletes) at {@code key} to the inner store. */
  abstract void writeThrough(K key, V value);

  /** The value written at {@code key} since the last commit, else what {@code stored} reads. */
  final V read(K key, Supplier<V> stored) {
    Optional<V> written = dirty.get(key);
    if (written != null) {
      return written.orElse(null);
    }
    V value = stored.get();
    if (value == null) {
      absent.add(key);
    }
    return value;
  }

  /**
   * What to write at {@code key} as the buffer is written, given what was buffered there (null: a
   * delete); by default what was buffered.
   */
  V writing(K key, V buffered) {
    return buffered;
  }

  /** Sets {@code key} to {@code value}, or removes it when null, at the next commit. */
  final void write(K key, V value) {
    dirty.put(key, Optional.ofNullable(value));
  }

  @Override
  final void writeBuffer() {
    List<Map.Entry<K, Optional<V>>> entries = new ArrayList<>(dirty.entrySet());
    dirty.clear();
    for (Map.Entry<K, Optional<V>> entry : entries) {
      V value = writing(entry.getKey(), entry.getValue().orElse(null));
      if (value != null || !absent.contains(entry.getKey())) {
        writeThrough(entry.getKey(), value);
      }
    }
    absent.clear();
  }

  @Override
  final void dropBuffer() {
    dirty.clear();
    absent.clear();
  }

  @Override
  final boolean buffered() {
    return !dirty.isEmpty();
  }
}
