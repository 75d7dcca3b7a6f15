package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.streams.enrichment.DedupProcessor;
import io.tokenlens.streams.topology.TopologyHarness;
import io.tokenlens.streams.topology.TopologyNames;
import java.nio.file.Path;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteCountedStoreTest {

  @TempDir Path stateDir;

  @Test
  void shouldMoveTheGlobalPricesStoresGenerationOnEveryWriteAndOnlyThen() {
    try (TopologyHarness harness = new TopologyHarness(stateDir)) {
      KeyValueStore<String, ValueAndTimestamp<ModelPrice>> prices =
          harness.driver().getTimestampedKeyValueStore(TopologyNames.PRICES_STORE);
      StoreGeneration generation = WriteCountedStore.generationOf(prices);

      long before = generation.current();
      harness.pipe(
          TokenUsages.aRequest().email("ada@example.com").build(), ModelPrices.EFFECTIVE_FROM);
      long afterReads = generation.current();
      harness.pipe(ModelPrices.aPrice().build());
      long afterWrite = generation.current();

      assertThat(afterReads).isEqualTo(before);
      assertThat(afterWrite).isGreaterThan(afterReads);
      assertThat(generation.current()).isEqualTo(afterWrite);
    }
  }

  @Test
  void shouldGiveAStoreWithoutCountedWritesAGenerationNewAtEveryRead() {
    try (TopologyHarness harness = new TopologyHarness(stateDir)) {
      StoreGeneration generation =
          WriteCountedStore.generationOf(harness.driver().getStateStore(DedupProcessor.STORE));

      assertThat(generation.current()).isNotEqualTo(generation.current());
    }
  }
}
