package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

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

  @BeforeEach
  void store() {
    inner = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("w", Duration.ofHours(1), Duration.ofMinutes(1),
        false), Serdes.String(), Serdes.String()).withLoggingDisabled().build();
    store = new BufferedWindowStore<>(inner);
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  private List<String> scan(long from, long to) {
    List<String> found = new ArrayList<>();
    try (var it = store.fetchAll(from, to)) {
      it.forEachRemaining(kv -> found.add(kv.key.key() + "@" + kv.key.window().start() + "=" + kv.value));
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
