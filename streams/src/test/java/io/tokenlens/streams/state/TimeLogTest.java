package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimeLogTest {

  private static final long MINUTE = TimeLog.BUCKET_MS;
  private WindowStore<String, byte[]> store;
  private TimeLogStore logStore;
  private TimeLog<String> log;

  @BeforeEach
  void store() {
    store =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(
                    "log", Duration.ofHours(1), Duration.ofMillis(MINUTE), false),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    logStore = new TimeLogStore(store);
    logStore.init(new MockProcessorContext<>().getStateStoreContext(), logStore);
    log = TimeLog.of(logStore, Serdes.String());
  }

  private int storedEntries(String key) {
    int entries = 0;
    try (var it = store.fetch(key, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)) {
      while (it.hasNext()) {
        it.next();
        entries++;
      }
    }
    return entries;
  }

  private List<String> fetch(String key, long from, long to) {
    List<String> found = new ArrayList<>();
    try (WindowStoreIterator<String> it = log.fetch(key, from, to)) {
      while (it.hasNext()) {
        Long peeked = it.peekNextKey();
        var entry = it.next();
        assertThat(entry.key).isEqualTo(peeked);
        found.add(entry.key + "=" + entry.value);
      }
    }
    return found;
  }

  @Test
  void shouldReturnValuesInTimeOrderAcrossBucketsWhateverTheOrderPut() {
    log.put("s1", "c", 2 * MINUTE + 5);
    log.put("s1", "a", 10);
    log.put("s1", "b", MINUTE - 1);
    log.put("s1", "a2", 10);

    assertThat(fetch("s1", 0, 3 * MINUTE))
        .containsExactly("10=a", "10=a2", (MINUTE - 1) + "=b", (2 * MINUTE + 5) + "=c");
  }

  @Test
  void shouldKeepEveryValuePutAtOneKeyAndTime() {
    log.put("s1", "x", 100);
    log.put("s1", "x", 100);

    assertThat(fetch("s1", 100, 100)).containsExactly("100=x", "100=x");
  }

  @Test
  void shouldReturnOnlyTheKeysValuesWithinTheInclusiveRange() {
    log.put("s1", "before", 99);
    log.put("s1", "from", 100);
    log.put("s1", "to", 200);
    log.put("s1", "after", 201);
    log.put("s2", "other", 150);

    assertThat(fetch("s1", 100, 200)).containsExactly("100=from", "200=to");
    assertThat(fetch("s1", 201, 200)).isEmpty();
    assertThat(fetch("s3", 0, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void shouldWriteOneStoreEntryPerKeyAndBucketAtEachCommit() {
    for (int i = 0; i < 100; i++) {
      log.put("s1", "v" + i, 1_000 + i);
    }
    log.put("s1", "next", MINUTE + 1);
    assertThat(storedEntries("s1")).isZero();

    logStore.flushCache();
    assertThat(storedEntries("s1")).isEqualTo(2);
    assertThat(fetch("s1", 0, 2 * MINUTE)).hasSize(101);
  }

  @Test
  void shouldReadWrittenAndUnwrittenValuesTogetherInTimeOrder() {
    log.put("s1", "b", 20);
    logStore.flushCache();
    log.put("s1", "a", 10);
    log.put("s1", "b2", 20);

    assertThat(fetch("s1", 0, 100)).containsExactly("10=a", "20=b", "20=b2");
    logStore.flushCache();
    assertThat(storedEntries("s1")).isEqualTo(1);
    assertThat(fetch("s1", 0, 100)).containsExactly("10=a", "20=b", "20=b2");
  }

  @Test
  void shouldRefuseACommitBeforeItsValuesAreWritten() {
    log.put("s1", "x", 1);

    assertThatThrownBy(() -> logStore.commit(java.util.Map.of()))
        .hasMessageContaining("did not call flushCache");
    logStore.flushCache();
    logStore.commit(java.util.Map.of());
  }

  @Test
  void shouldForgetUnwrittenValuesWhenTheTaskDropsItsCache() {
    log.put("s1", "x", 1);
    logStore.clearCache();

    assertThat(fetch("s1", 0, 10)).isEmpty();
  }

  @Test
  void shouldPlaceNegativeTimesInTheBucketBelowZero() {
    assertThat(TimeLog.bucket(-1)).isEqualTo(-MINUTE);
    assertThat(TimeLog.bucket(MINUTE)).isEqualTo(MINUTE);
  }

  @Test
  void shouldRefuseAnEntryOfAnotherFormat() {
    store.put("s1", new byte[] {9, 0, 0}, 0);

    assertThatThrownBy(() -> fetch("s1", 0, 10)).hasMessageContaining("format 9");
    log.put("s1", "x", 1);
    assertThatThrownBy(() -> logStore.flushCache()).hasMessageContaining("format 9");
  }

  @Test
  void shouldRefuseATruncatedEntry() {
    byte[] whole = TimeLogEntries.concat(null, TimeLogEntries.value(5, "abc".getBytes()));
    store.put("s1", java.util.Arrays.copyOf(whole, whole.length - 1), 0);

    assertThatThrownBy(() -> fetch("s1", 0, 10)).hasMessageContaining("3 bytes with 2 left");
  }
}
