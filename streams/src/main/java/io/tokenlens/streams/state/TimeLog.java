package io.tokenlens.streams.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * What a detector remembers of a key's events, in event time: every value put at a key and time,
 * read back by time range in time order (values at one time in the order they were put), like a
 * window store that retains duplicates.
 *
 * <p>It is kept as one entry per key and {@link #BUCKET_MS bucket} of event time in a {@link
 * TimeLogStore}: a batch of a session's events read together (one collector request) is written to
 * the store and its changelog once per commit instead of once per event. Entries expire with the
 * store's segments, as the events did.
 *
 * @param <V> the values
 */
public final class TimeLog<V> {

  /** Event time each entry of the underlying store covers. */
  public static final long BUCKET_MS = Duration.ofMinutes(1).toMillis();

  private final TimeLogStore store;
  private final Serde<V> serde;

  private TimeLog(TimeLogStore store, Serde<V> serde) {
    this.store = store;
    this.serde = serde;
  }

  /**
   * The log over {@code store}, which {@link #storeBuilder} built, with values in {@code serde}.
   */
  public static <V> TimeLog<V> of(TimeLogStore store, Serde<V> serde) {
    return new TimeLog<>(store, serde);
  }

  /**
   * The store of a log named {@code name} whose events are kept for {@code retentionMs} of event
   * time (the store's own stream time, as a window store's): changelogged, written once per key and
   * bucket each commit.
   */
  public static StoreBuilder<TimeLogStore> storeBuilder(String name, long retentionMs) {
    Duration retention = Duration.ofMillis(retentionMs + BUCKET_MS);
    return new BufferedStoreBuilder<>(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(name, retention, Duration.ofMillis(BUCKET_MS), false),
            Serdes.String(),
            Serdes.ByteArray()),
        TimeLogStore::new);
  }

  /** The start of the bucket {@code time} is in. */
  public static long bucket(long time) {
    return Math.floorDiv(time, BUCKET_MS) * BUCKET_MS;
  }

  /** Adds {@code value} at {@code key} and event time {@code time}. */
  public void put(String key, V value, long time) {
    store.append(key, bucket(time), time, serde.serializer().serialize(null, value));
  }

  /** The values of {@code key} from {@code from} to {@code to} (both inclusive), in time order. */
  public WindowStoreIterator<V> fetch(String key, long from, long to) {
    List<KeyValue<Long, V>> found = new ArrayList<>();
    if (from <= to) {
      store.forEach(
          key,
          bucket(from),
          bucket(to),
          (time, bytes) -> {
            if (time >= from && time <= to) {
              found.add(KeyValue.pair(time, serde.deserializer().deserialize(null, bytes)));
            }
          });
      found.sort(
          Comparator.comparingLong(e -> e.key)); // stable: one time's values stay in the order put
    }
    return new ListIterator<>(found);
  }

  /** A window-store iterator over a list. */
  private static final class ListIterator<V> implements WindowStoreIterator<V> {

    private final List<KeyValue<Long, V>> entries;
    private final Iterator<KeyValue<Long, V>> it;
    private int at;

    ListIterator(List<KeyValue<Long, V>> entries) {
      this.entries = entries;
      this.it = entries.iterator();
    }

    @Override
    public Long peekNextKey() {
      if (at >= entries.size()) {
        throw new NoSuchElementException();
      }
      return entries.get(at).key;
    }

    @Override
    public boolean hasNext() {
      return it.hasNext();
    }

    @Override
    public KeyValue<Long, V> next() {
      at++;
      return it.next();
    }

    @Override
    public void close() {}
  }
}
