package io.tokenlens.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store in the process: one LRU block cache shared by
 * all stores, with the memtables charged to it through a shared {@link WriteBufferManager}, and
 * index and filter blocks cached in it too (the pattern of the Kafka Streams memory-management
 * guide). Kafka Streams creates one setter per store, so the cache is necessarily process-wide: it
 * is created once, from the first store's configuration, and never closed while the process runs.
 *
 * <p>The memtable budget must not be small: the job has dozens of RocksDB instances (stores times
 * tasks times window segments) sharing it, and a budget of a few MiB makes every instance flush
 * tiny memtables all the time; measured with the enrichment benchmark, 16 MiB gave under 700
 * events/s with stream threads starved into transaction timeouts, 128 MiB about 3,000 events/s on
 * the same machine.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

  /** Total bytes of the shared block cache (memtables included). */
  public static final String BLOCK_CACHE_BYTES = "streams.rocksdb.block.cache.bytes";

  /** Bytes of that cache memtables may take. */
  public static final String WRITE_BUFFER_BYTES = "streams.rocksdb.write.buffer.bytes";

  private static final long WRITE_BUFFER_SIZE = 8L << 20;

  private static SharedMemory shared;

  private record SharedMemory(Cache cache, WriteBufferManager writeBuffers) {}

  private static synchronized SharedMemory shared(Map<String, Object> configs) {
    if (shared == null) {
      long cacheBytes =
          Long.parseLong(String.valueOf(configs.getOrDefault(BLOCK_CACHE_BYTES, 256L << 20)));
      long writeBytes =
          Long.parseLong(String.valueOf(configs.getOrDefault(WRITE_BUFFER_BYTES, 128L << 20)));
      Cache cache = new LRUCache(cacheBytes, -1, false, 0.1);
      shared = new SharedMemory(cache, new WriteBufferManager(writeBytes, cache));
    }
    return shared;
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    SharedMemory memory = shared(configs);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(memory.writeBuffers());
    options.setWriteBufferSize(WRITE_BUFFER_SIZE);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared by every store of the process: never closed
    // per store.
  }
}
