package io.tokenlens.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The time an alert task's replayed hours are closed through, from the summing tasks' marks. */
class UpstreamWatermarksTest {

  private static final long IDLE_AFTER = 30_000;
  private static final long WALL = 1_000_000;

  private KeyValueStore<Integer, Long> store;

  @BeforeEach
  void store() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("watermarks"), Serdes.Integer(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void shouldCloseThroughTheLowestWatermarkOnceEveryPartitionSentOne() {
    UpstreamWatermarks marks = new UpstreamWatermarks(store, 3, IDLE_AFTER);
    marks.advance(new SpendUpdate.Watermark(0, 9_000));
    marks.advance(new SpendUpdate.Watermark(2, 5_000));
    assertThat(marks.advanceClosed(WALL)).isEqualTo(UpstreamWatermarks.NONE); // 1 not heard

    marks.advance(new SpendUpdate.Watermark(1, 7_000));
    marks.advance(new SpendUpdate.Watermark(2, 4_000)); // older than known: ignored

    assertThat(marks.advanceClosed(WALL + 1)).isEqualTo(5_000);
    assertThat(marks.closedThrough()).isEqualTo(5_000);
  }

  @Test
  void shouldStopWaitingForAPartitionNeverHeardFromAfterTheIdleTime() {
    UpstreamWatermarks marks = new UpstreamWatermarks(store, 2, IDLE_AFTER);
    marks.advance(new SpendUpdate.Watermark(0, 9_000));

    assertThat(marks.advanceClosed(WALL)).isEqualTo(UpstreamWatermarks.NONE);
    assertThat(marks.advanceClosed(WALL + IDLE_AFTER - 1)).isEqualTo(UpstreamWatermarks.NONE);
    assertThat(marks.advanceClosed(WALL + IDLE_AFTER)).isEqualTo(9_000);

    marks.advance(new SpendUpdate.Watermark(1, 2_000)); // heard at last, behind: no reopening
    assertThat(marks.advanceClosed(WALL + IDLE_AFTER + 1)).isEqualTo(9_000);
    marks.advance(new SpendUpdate.Watermark(0, 20_000));
    assertThat(marks.advanceClosed(WALL + IDLE_AFTER + 2)).isEqualTo(9_000); // 1 holds it now
    marks.advance(new SpendUpdate.Watermark(1, 12_000));
    assertThat(marks.advanceClosed(WALL + IDLE_AFTER + 3)).isEqualTo(12_000);
  }

  @Test
  void shouldResumeFromTheStoreAfterARestart() {
    UpstreamWatermarks before = new UpstreamWatermarks(store, 2, IDLE_AFTER);
    before.advance(new SpendUpdate.Watermark(0, 9_000));
    before.advance(new SpendUpdate.Watermark(1, 6_000));
    assertThat(before.advanceClosed(WALL)).isEqualTo(6_000);
    before.advance(new SpendUpdate.Watermark(1, 8_000)); // read, not yet closed through

    UpstreamWatermarks restarted = new UpstreamWatermarks(store, 2, IDLE_AFTER);

    assertThat(restarted.closedThrough()).isEqualTo(6_000);
    assertThat(restarted.advanceClosed(WALL + 1)).isEqualTo(8_000);
  }
}
