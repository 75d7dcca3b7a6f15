package io.tokenlens.streams.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The store behind a {@link TimeLog}: a changelogged window store of one entry per key and bucket, in front of which
 * the values put since the last commit wait in memory. At each commit, before the task's records are flushed and
 * its transaction committed, every key and bucket put to is written once: one store write and one changelog record
 * for all of a session's events of that commit, however many.
 *
 * <p>Why not Kafka Streams' record cache: it keeps clean entries until they are evicted, and a full cache evicts
 * from the store being written. With new keys arriving all the time (every session is new) the cache fills, and
 * stores whose share of it was small when it filled then write every put through. This buffer holds only what
 * was put since the last commit.
 *
 * <p>The commit hook is Kafka Streams' {@link CachedStateStore#flushCache()}, which the task calls for every store
 * implementing it as the first step of a commit (and before closing): the same moment its own caching stores write
 * their dirty entries. {@code TimeLogStoreTaskTest} checks the written entries against a real task's changelog.
 */
public final class TimeLogStore implements StateStore, CachedStateStore<byte[], byte[]> {

  private final WindowStore<String, byte[]> inner;
  /** Per key, per bucket: the values put since the last commit, in the entry format without its version byte. */
  private final Map<String, NavigableMap<Long, ByteArrayOutputStream>> pending = new HashMap<>();
  private long commits;

  TimeLogStore(WindowStore<String, byte[]> inner) {
    this.inner = inner;
  }

  /** Adds {@code value} at {@code key} and {@code time} (in bucket {@code bucket}). */
  void append(String key, long bucket, long time, byte[] value) {
    ByteArrayOutputStream out = pending.computeIfAbsent(key, k -> new TreeMap<>())
        .computeIfAbsent(bucket, b -> new ByteArrayOutputStream());
    out.writeBytes(ByteBuffer.allocate(TimeLogEntries.HEADER).putLong(time).putInt(value.length).array());
    out.writeBytes(value);
  }

  /** Hands every value of {@code key} in the buckets from {@code fromBucket} to {@code toBucket} to {@code visitor}. */
  void forEach(String key, long fromBucket, long toBucket, TimeLogEntries.Visitor visitor) {
    try (WindowStoreIterator<byte[]> stored = inner.fetch(key, fromBucket, toBucket)) {
      while (stored.hasNext()) {
        TimeLogEntries.forEach(stored.next().value, visitor);
      }
    }
    NavigableMap<Long, ByteArrayOutputStream> buckets = pending.get(key);
    if (buckets != null) {
      for (ByteArrayOutputStream out : buckets.subMap(fromBucket, true, toBucket, true).values()) {
        TimeLogEntries.forEachUnversioned(out.toByteArray(), visitor);
      }
    }
  }

  /** How many times the buffer has been written or dropped; readers that keep what they read key it by this. */
  public long commits() {
    return commits;
  }

  /** Writes every key and bucket put to since the last call, once each. */
  @Override
  public void flushCache() {
    for (Map.Entry<String, NavigableMap<Long, ByteArrayOutputStream>> key : pending.entrySet()) {
      for (Map.Entry<Long, ByteArrayOutputStream> bucket : key.getValue().entrySet()) {
        byte[] stored = inner.fetch(key.getKey(), bucket.getKey());
        inner.put(key.getKey(), TimeLogEntries.concat(stored, bucket.getValue().toByteArray()), bucket.getKey());
      }
    }
    pending.clear();
    commits++;
  }

  @Override
  public void clearCache() {
    pending.clear();
    commits++;
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<byte[], byte[]> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    pending.clear();
    commits++;
    inner.init(context, root);
  }

  @Override
  public void flush() {
    checkWritten();
    inner.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    checkWritten();
    inner.commit(changelogOffsets);
  }

  /**
   * Writing the buffer here would put its changelog records after the task's transaction: a Kafka Streams that
   * commits without calling {@link #flushCache()} first is refused rather than silently losing exactly-once.
   */
  private void checkWritten() {
    if (!pending.isEmpty()) {
      throw new IllegalStateException("time log " + name() + " is committed with " + pending.size()
          + " keys not written: Kafka Streams did not call flushCache() first");
    }
  }

  @Override
  public void close() {
    pending.clear();
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return inner.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }
}
