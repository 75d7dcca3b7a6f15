package io.tokenlens.streams.state;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store whose writes since the last commit wait in memory, in front of a changelogged store they
 * are written to when the task commits: once per key however often it was written, and without
 * Kafka Streams' record cache.
 *
 * <p>Why not the record cache: it keeps clean entries until they are evicted, and a full cache
 * evicts from the store being written. With new keys arriving all the time (every session is new)
 * it fills, and stores whose share of it was small when it filled then write every put through.
 * This buffer holds only what was written since the last commit.
 *
 * <p>The commit hook is Kafka Streams' {@link CachedStateStore#flushCache()}, which a task calls
 * for every store implementing it as the first step of a commit (and before closing), before its
 * records are flushed and its transaction committed: the moment its own caching stores write their
 * dirty entries. A commit that finds the buffer not written is refused rather than written after
 * the transaction. {@code TimeLogStoreTaskTest} runs a real task.
 */
abstract class CommitBufferedStore implements StateStore, CachedStateStore<byte[], byte[]> {

  private final StateStore inner;
  private long commits;

  CommitBufferedStore(StateStore inner) {
    this.inner = inner;
  }

  /** Writes what is buffered to the inner store and empties the buffer. */
  abstract void writeBuffer();

  /** Drops what is buffered. */
  abstract void dropBuffer();

  /** Whether anything is buffered. */
  abstract boolean buffered();

  /**
   * How many times the buffer has been written or dropped; readers that keep what they read key it
   * by this.
   */
  public long commits() {
    return commits;
  }

  @Override
  public void flushCache() {
    writeBuffer();
    commits++;
  }

  @Override
  public void clearCache() {
    dropBuffer();
    commits++;
  }

  @Override
  public boolean setFlushListener(
      CacheFlushListener<byte[], byte[]> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    clearCache();
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

  private void checkWritten() {
    if (buffered()) {
      throw new IllegalStateException(
          "store "
              + name()
              + " is committed with writes not written: Kafka Streams "
              + "did not call flushCache() first");
    }
  }

  @Override
  public void close() {
    dropBuffer();
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
