package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.streams.state.StoreGeneration;
import io.tokenlens.streams.state.WriteCountedStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The directory read through a small cache of decoded entries, one per processor (so one stream
 * thread): the entries last read, absent ones included, up to {@value #CAPACITY} keys, dropped all
 * at once when the directory store changed ({@link WriteCountedStore}). A session's requests arrive
 * together and resolve the same identities and engineer, so most reads are answered without the
 * store's get and the Avro decode of its value; what a read returns is what the store holds.
 */
public final class DirectoryCache implements DirectoryLookup {

  static final int CAPACITY = 4_096;

  private static final Object ABSENT = new Object();

  private final TimestampedKeyValueStore<String, DirectoryEntry> store;
  private final StoreGeneration generation;
  private final Map<String, Object> entries =
      new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > CAPACITY;
        }
      };
  private long cachedGeneration;

  public DirectoryCache(TimestampedKeyValueStore<String, DirectoryEntry> store) {
    this.store = store;
    this.generation = WriteCountedStore.generationOf(store);
    this.cachedGeneration = generation.current() - 1;
  }

  @Override
  public DirectoryEntry get(String key) {
    long current = generation.current();
    if (current != cachedGeneration) {
      entries.clear();
      cachedGeneration = current;
    }
    Object cached = entries.get(key);
    if (cached == null) {
      DirectoryEntry read = ValueAndTimestamp.getValueOrNull(store.get(key));
      entries.put(key, read == null ? ABSENT : read);
      return read;
    }
    return cached == ABSENT ? null : (DirectoryEntry) cached;
  }
}
