package io.tokenlens.streams.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedBytesStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A global table's bytes store that counts what changed it, so that a processor on a stream thread
 * can keep what it read from the table decoded in memory and read the store again only after a
 * change ({@link StoreGeneration}). The generation moves after every write the global thread makes
 * through the store (put, delete), and on every init and commit of the store, which covers a
 * restore: Kafka Streams restores a global store through the inner store's own callback, not
 * through its puts.
 */
public final class WriteCountedStore
    extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
    implements KeyValueStore<Bytes, byte[]>, TimestampedBytesStore {

  private final AtomicLong generation = new AtomicLong();

  private WriteCountedStore(KeyValueStore<Bytes, byte[]> inner) {
    super(inner);
  }

  /**
   * The supplier of {@code inner}'s stores, each wrapped; {@code inner} must supply timestamped
   * stores (the format of a global table's store).
   */
  public static KeyValueBytesStoreSupplier supplier(KeyValueBytesStoreSupplier inner) {
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return inner.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        KeyValueStore<Bytes, byte[]> store = inner.get();
        if (!(store instanceof TimestampedBytesStore)) {
          throw new IllegalArgumentException(
              "store " + inner.name() + " is not timestamped: a global table's store is");
        }
        return new WriteCountedStore(store);
      }

      @Override
      public String metricsScope() {
        return inner.metricsScope();
      }
    };
  }

  /**
   * The generation of the write-counted store under {@code store} (the store a processor gets from
   * its context, with Kafka Streams' layers around it), or {@link StoreGeneration#ALWAYS_NEW} when
   * there is none: a reader then reads the store every time.
   */
  public static StoreGeneration generationOf(StateStore store) {
    StateStore layer = store;
    while (layer instanceof WrappedStateStore<?, ?, ?> wrapper) {
      if (layer instanceof WriteCountedStore counted) {
        return counted.generation::get;
      }
      layer = wrapper.wrapped();
    }
    return StoreGeneration.ALWAYS_NEW;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    super.init(context, root);
    generation.incrementAndGet();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    super.commit(changelogOffsets);
    generation.incrementAndGet();
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    wrapped().flush();
    generation.incrementAndGet();
  }

  @Override
  public void put(Bytes key, byte[] value) {
    wrapped().put(key, value);
    generation.incrementAndGet();
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] previous = wrapped().putIfAbsent(key, value);
    generation.incrementAndGet();
    return previous;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    wrapped().putAll(entries);
    generation.incrementAndGet();
  }

  @Override
  public byte[] delete(Bytes key) {
    byte[] previous = wrapped().delete(key);
    generation.incrementAndGet();
    return previous;
  }

  @Override
  public byte[] get(Bytes key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return wrapped().reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }
}
