package io.tokenlens.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Builds a {@link TimeLogStore} over the window store {@code inner} builds. Kafka Streams' record cache is never
 * put in front of it: the store's own buffer takes that place.
 */
final class TimeLogStoreBuilder implements StoreBuilder<TimeLogStore> {

  private final StoreBuilder<WindowStore<String, byte[]>> inner;

  TimeLogStoreBuilder(StoreBuilder<WindowStore<String, byte[]>> inner) {
    this.inner = inner.withCachingDisabled();
  }

  @Override
  public StoreBuilder<TimeLogStore> withCachingEnabled() {
    throw new UnsupportedOperationException("a time log buffers its own writes until each commit");
  }

  @Override
  public StoreBuilder<TimeLogStore> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<TimeLogStore> withLoggingEnabled(Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<TimeLogStore> withLoggingDisabled() {
    inner.withLoggingDisabled();
    return this;
  }

  @Override
  public TimeLogStore build() {
    return new TimeLogStore(inner.build());
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
