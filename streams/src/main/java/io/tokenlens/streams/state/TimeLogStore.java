package io.tokenlens.streams.state;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The store behind a {@link TimeLog}: a changelogged window store of one entry per key and bucket,
 * in front of which the values put since the last commit wait in memory ({@link
 * CommitBufferedStore}). At each commit every key and bucket put to is written once: one store
 * write and one changelog record for all of a session's events of that commit, however many.
 */
public final class TimeLogStore extends CommitBufferedStore {

  private final WindowStore<String, byte[]> inner;

  /**
   * Per key, per bucket: the values put since the last commit, in the entry format without its
   * version byte.
   */
  private final Map<String, NavigableMap<Long, ByteArrayOutputStream>> pending = new HashMap<>();

  TimeLogStore(WindowStore<String, byte[]> inner) {
    super(inner);
    this.inner = inner;
  }

  /** Adds {@code value} at {@code key} and {@code time} (in bucket {@code bucket}). */
  void append(String key, long bucket, long time, byte[] value) {
    ByteArrayOutputStream out =
        pending
            .computeIfAbsent(key, k -> new TreeMap<>())
            .computeIfAbsent(bucket, b -> new ByteArrayOutputStream());
    out.writeBytes(TimeLogEntries.value(time, value));
  }

  /**
   * Hands every value of {@code key} in the buckets from {@code fromBucket} to {@code toBucket} to
   * {@code visitor}.
   */
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

  @Override
  void writeBuffer() {
    for (Map.Entry<String, NavigableMap<Long, ByteArrayOutputStream>> key : pending.entrySet()) {
      for (Map.Entry<Long, ByteArrayOutputStream> bucket : key.getValue().entrySet()) {
        byte[] stored = inner.fetch(key.getKey(), bucket.getKey());
        inner.put(
            key.getKey(),
            TimeLogEntries.concat(stored, bucket.getValue().toByteArray()),
            bucket.getKey());
      }
    }
    pending.clear();
  }

  @Override
  void dropBuffer() {
    pending.clear();
  }

  @Override
  boolean buffered() {
    return !pending.isEmpty();
  }
}
