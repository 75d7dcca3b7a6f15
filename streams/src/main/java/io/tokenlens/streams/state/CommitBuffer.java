package io.tokenlens.streams.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Values a processor builds up between two commits of its task, in memory only, handed to the
 * processor as the first step of each commit (to forward them, {@link CommitForwarder}) and then
 * forgotten. Nothing is stored or changelogged: what is forwarded in a commit goes out in that
 * commit's transaction with the input offsets that built it, and a commit that does not complete
 * rewinds the input, which builds the values again. A task closed without a commit drops them for
 * the same reason.
 *
 * <p>The commit hook is the one {@link CommitBufferedStore} uses: Kafka Streams' {@link
 * CachedStateStore#flushCache()}, called for every store of the task before its records are flushed
 * and its transaction committed.
 *
 * @param <K> what a value is built under
 * @param <V> the values
 */
public final class CommitBuffer<K, V> implements StateStore, CachedStateStore<byte[], byte[]> {

  private final String name;
  private final Map<K, V> pending = new LinkedHashMap<>();
  private Consumer<Collection<V>> atCommit;
  private boolean open;

  private CommitBuffer(String name) {
    this.name = name;
  }

  /** The buffer named {@code name}; it has no changelog. */
  public static <K, V> StoreBuilder<CommitBuffer<K, V>> storeBuilder(String name) {
    return new Builder<>(name);
  }

  /**
   * Hands the values built since the last commit to {@code atCommit} at each commit (in the order
   * first built).
   */
  public void onCommit(Consumer<Collection<V>> atCommit) {
    this.atCommit = atCommit;
  }

  /**
   * The value built under {@code key} since the last commit, a new one from {@code start} if none.
   */
  public V computeIfAbsent(K key, Function<K, V> start) {
    return pending.computeIfAbsent(key, start);
  }

  @Override
  public void flushCache() {
    if (pending.isEmpty()) {
      return;
    }
    if (atCommit == null) {
      throw new IllegalStateException(
          "buffer " + name + " is committed with no processor taking its values");
    }
    List<V> values = new ArrayList<>(pending.values());
    pending.clear();
    atCommit.accept(values);
  }

  @Override
  public void clearCache() {
    pending.clear();
  }

  @Override
  public boolean setFlushListener(
      CacheFlushListener<byte[], byte[]> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    pending.clear();
    context.register(
        root,
        (key, value) -> {
          throw new IllegalStateException("buffer " + name + " has no changelog to restore from");
        });
    open = true;
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    if (!pending.isEmpty()) {
      throw new IllegalStateException(
          "buffer "
              + name
              + " is committed with values not handed over: Kafka Streams "
              + "did not call flushCache() first");
    }
  }

  @Override
  public void close() {
    pending.clear();
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Builds the buffer; caching and logging do not apply to it. */
  private static final class Builder<K, V> implements StoreBuilder<CommitBuffer<K, V>> {

    private final String name;

    Builder(String name) {
      this.name = name;
    }

    @Override
    public StoreBuilder<CommitBuffer<K, V>> withCachingEnabled() {
      throw new UnsupportedOperationException("a commit buffer is itself what a cache would be");
    }

    @Override
    public StoreBuilder<CommitBuffer<K, V>> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<CommitBuffer<K, V>> withLoggingEnabled(Map<String, String> config) {
      throw new UnsupportedOperationException(
          "a commit buffer's values go out in the commit that built them");
    }

    @Override
    public StoreBuilder<CommitBuffer<K, V>> withLoggingDisabled() {
      return this;
    }

    @Override
    public CommitBuffer<K, V> build() {
      return new CommitBuffer<>(name);
    }

    @Override
    public Map<String, String> logConfig() {
      return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
      return false;
    }

    @Override
    public String name() {
      return name;
    }
  }
}
