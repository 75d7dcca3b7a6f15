package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BufferedKeyValueStoreTest {

  private KeyValueStore<String, String> inner;
  private BufferedKeyValueStore<String> store;

  @BeforeEach
  void store() {
    inner =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("kv"), Serdes.String(), Serdes.String())
            .withLoggingDisabled()
            .build();
    store = new BufferedKeyValueStore<>(inner);
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void shouldReadItsOwnWritesAndWriteEachKeyOnceAtTheCommit() {
    store.put("a", "1");
    store.put("a", "2");
    store.put("b", "x");
    store.delete("b");

    assertThat(store.get("a")).isEqualTo("2");
    assertThat(store.get("b")).isNull();
    assertThat(inner.get("a")).isNull();

    store.flushCache();
    assertThat(inner.get("a")).isEqualTo("2");
    assertThat(inner.get("b")).isNull();
    store.commit(Map.of());
  }

  @Test
  void shouldDeleteAWrittenKeyAtTheNextCommit() {
    store.put("a", "1");
    store.flushCache();
    store.delete("a");

    assertThat(store.get("a")).isNull();
    assertThat(inner.get("a")).isEqualTo("1");
    store.flushCache();
    assertThat(inner.get("a")).isNull();
  }

  @Test
  void shouldScanWhatWasWrittenSinceTheLastCommit() {
    store.put("b", "2");
    store.flushCache();
    store.put("a", "1");
    store.delete("b");

    List<String> all = new ArrayList<>();
    try (var it = store.all()) {
      it.forEachRemaining(kv -> all.add(kv.key + "=" + kv.value));
    }
    assertThat(all).containsExactly("a=1");
  }

  @Test
  void shouldRefuseACommitBeforeItsWritesAreWrittenAndDropThemWhenTheTaskDoes() {
    store.put("a", "1");

    assertThatThrownBy(() -> store.commit(Map.of()))
        .hasMessageContaining("did not call flushCache");
    store.clearCache();
    assertThat(store.get("a")).isNull();
    store.commit(Map.of());
  }
}
