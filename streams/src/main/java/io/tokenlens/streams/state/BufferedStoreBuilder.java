package io.tokenlens.streams.state;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link CommitBufferedStore} over the store {@code inner} builds. Kafka Streams' record
 * cache is never put in front of it: the store's own buffer takes that place.
 *
 * @param <S> the inner store
 * @param <T> the buffered store
 */
final class BufferedStoreBuilder<S extends StateStore, T extends CommitBufferedStore>
    implements StoreBuilder<T> {

  private final StoreBuilder<S> inner;
  private final Function<S, T> wrap;

  BufferedStoreBuilder(StoreBuilder<S> inner, Function<S, T> wrap) {
    this.inner = inner.withCachingDisabled();
    this.wrap = wrap;
  }

  @Override
  public StoreBuilder<T> withCachingEnabled() {
    throw new UnsupportedOperationException(
        "a buffered store buffers its own writes until each commit");
  }

  @Override
  public StoreBuilder<T> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<T> withLoggingDisabled() {
    inner.withLoggingDisabled();
    return this;
  }

  @Override
  public T build() {
    return wrap.apply(inner.build());
  }

  @Override
  public Map<String, String> logConfig() {
    return inner.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return inner.loggingEnabled();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
