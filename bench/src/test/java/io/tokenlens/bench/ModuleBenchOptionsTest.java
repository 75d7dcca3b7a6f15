package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.bench.ingest.IngestOptions;
import io.tokenlens.bench.sink.SinkOptions;
import io.tokenlens.bench.streams.EnrichmentOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options of the ingest, streams and sink benchmarks. */
class ModuleBenchOptionsTest {

  @Test
  void ingestDefaultsToFifteenSecondsOnEightThreads() {
    assertThat(IngestOptions.parse(List.of())).isEqualTo(new IngestOptions(15, 8));
    assertThat(IngestOptions.parse(List.of("--seconds", "3", "--threads", "2")))
        .isEqualTo(new IngestOptions(3, 2));
  }

  @Test
  void streamsTakesSeveralOrganisationSizes() {
    EnrichmentOptions o =
        EnrichmentOptions.parse(List.of("--engineers", "100, 2000", "--events", "5000"));

    assertThat(o.engineers()).containsExactly(100, 2_000);
    assertThat(o.events()).isEqualTo(5_000);
    assertThat(o.maxSeconds()).isEqualTo(240);
  }

  @Test
  void sinkRefusesTheFormerPositionalArgumentsWithItsUsage() {
    assertThatThrownBy(() -> SinkOptions.parse(List.of("200000", "5000", "20")))
        .hasMessageContaining("unexpected argument '200000'")
        .hasMessageContaining("usage: ./tokenlens bench sink");
    assertThat(SinkOptions.parse(List.of("--rows", "5000")))
        .isEqualTo(new SinkOptions(5_000, 5_000, 20));
  }

  @Test
  void eachBenchmarkNamesItsOwnCommandInItsUsage() {
    assertThatThrownBy(() -> IngestOptions.parse(List.of("--threads", "0")))
        .hasMessageContaining("--threads must be between 1 and 256 but is 0")
        .hasMessageContaining("usage: ./tokenlens bench ingest");
    assertThatThrownBy(() -> EnrichmentOptions.parse(List.of("--max-seconds")))
        .hasMessageContaining("--max-seconds needs a value")
        .hasMessageContaining("usage: ./tokenlens bench streams");
  }
}
