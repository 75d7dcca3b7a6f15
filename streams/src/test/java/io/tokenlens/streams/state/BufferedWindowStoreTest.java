package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BufferedWindowStoreTest {

  private WindowStore<String, String> inner;
  private BufferedWindowStore<String> store;

  /** The puts (values and deletes) that reached the inner store, as {@code key@start=value}. */
  private final List<String> written = new ArrayList<>();

  @BeforeEach
  void store() {
    inner =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore("w", Duration.ofHours(1), Duration.ofMinutes(1), false),
                Serdes.String(),
                Serdes.String())
            .withLoggingDisabled()
            .build();
    store = new BufferedWindowStore<>(recording(inner));
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @SuppressWarnings("unchecked")
  private WindowStore<String, String> recording(WindowStore<String, String> target) {
    return (WindowStore<String, String>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {WindowStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("put") && args.length == 3) {
                written.add(args[0] + "@" + args[2] + "=" + args[1]);
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private List<String> scan(long from, long to) {
    List<String> found = new ArrayList<>();
    try (var it = store.fetchAll(from, to)) {
      it.forEachRemaining(
          kv -> found.add(kv.key.key() + "@" + kv.key.window().start() + "=" + kv.value));
    }
    return found;
  }

  @Test
  void shouldReadItsOwnWritesPerKeyAndWindowAndWriteThemAtTheCommit() {
    store.put("team:a", "1", 0);
    store.put("team:a", "2", 0);
    store.put("team:a", "x", 60_000);

    assertThat(store.fetch("team:a", 0)).isEqualTo("2");
    assertThat(store.fetch("team:a", 60_000)).isEqualTo("x");
    assertThat(inner.fetch("team:a", 0)).isNull();
    store.flushCache();
    assertThat(inner.fetch("team:a", 0)).isEqualTo("2");
    assertThat(inner.fetch("team:a", 60_000)).isEqualTo("x");
  }

  @Test
  void shouldWriteNothingForAWindowPutAndRemovedBetweenTwoCommits() {
    store.put("kept", "1", 0);
    store.flushCache();
    written.clear();

    assertThat(store.fetch("fresh", 0)).isNull();
    store.put("fresh", "2", 0);
    store.put("fresh", null, 0);
    store.put("kept", null, 0);
    store.flushCache();

    assertThat(written)
        .containsExactly("kept@0=null"); // the stored one is removed, the fresh one never written
  }

  @Test
  void shouldWriteWhatTheCommitListenerReturnsForEachBufferedEntry() {
    List<String> seen = new ArrayList<>();
    store.onWrite(
        (key, start, value) -> {
          seen.add(key + "@" + start + "=" + value);
          return null;
        });
    assertThat(store.fetch("a", 0)).isNull();
    store.put("a", "1", 0);
    store.flushCache();

    assertThat(seen).containsExactly("a@0=1");
    assertThat(written).isEmpty();
    assertThat(inner.fetch("a", 0)).isNull();
  }

  @Test
  void shouldScanWhatWasWrittenOrRemovedSinceTheLastCommit() {
    store.put("a", "1", 0);
    store.put("b", "2", 0);
    store.flushCache();
    store.put("b", null, 0);
    store.put("c", "3", 60_000);

    assertThat(store.fetch("b", 0)).isNull();
    assertThat(scan(0, 0)).containsExactly("a@0=1");
    assertThat(scan(0, 60_000)).containsExactly("a@0=1", "c@60000=3");
  }
}
