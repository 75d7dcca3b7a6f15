package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void namesTheStageHoldingTheLargerBacklog() {
    assertThat(Figures.backlogStage(1_000_000, 200_000, 190_000)).startsWith("the streams job is the bottleneck: 800,000");
    assertThat(Figures.backlogStage(1_000_000, 990_000, 400_000)).startsWith("the sink is the bottleneck: about 590,000");
    assertThat(Figures.backlogStage(1_000, 1_000, 1_000)).isEqualTo("no backlog");
  }

  @Test
  void latencyTargetNeedsEveryRowToHaveLanded() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    LoadDriver.Sent sent = new LoadDriver.Sent(6_000, 600_000, 60, 0, 0);
    LoadDriver.Sent half = new LoadDriver.Sent(1_500, 150_000, 60, 0, 0);
    ClickHouseProbe.Latency halfLatency = new ClickHouseProbe.Latency(150_000, 300, 900, 1_100);
    assertThat(figures.latency(new ClickHouseProbe.Latency(600_000, 400, 1_500, 1_900), sent, halfLatency, half)
        .met()).isTrue();
    assertThat(figures.latency(new ClickHouseProbe.Latency(500_000, 400, 1_500, 1_900), sent, halfLatency, half)
        .met()).isFalse();
    Figure slow = figures.latency(new ClickHouseProbe.Latency(600_000, 400, 2_500, 3_000), sent, halfLatency, half);
    assertThat(slow.met()).isFalse();
    assertThat(slow.limitedBy()).contains("at half the sustained throughput (2,500 events/s offered, 150,000 of "
        + "150,000 rows landed) p50 300 ms, p99 900 ms");
  }

  @Test
  void sustainableRateIsHalfTheThroughputInHundredsWithinBounds() {
    PipelineBenchmark benchmark = new PipelineBenchmark(PipelineOptions.parse(List.of()), null);
    assertThat(benchmark.sustainableRate(5_130)).isEqualTo(2_600);
    assertThat(benchmark.sustainableRate(10)).as("at least one request a second").isEqualTo(100);
    assertThat(benchmark.sustainableRate(90_000)).as("never above --latency-rate").isEqualTo(10_000);
  }

  @Test
  void throughputTargetNeedsTheRateAndItsShareOfTheRawProduceRate() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    assertThat(figures.throughput(180_000, throughputPhase(16_000), CORES).met()).isTrue();
    assertThat(figures.throughput(250_000, throughputPhase(16_000), CORES).met()).as("0.064 of raw").isFalse();
    Figure slow = figures.throughput(180_000, throughputPhase(9_000), CORES);
    assertThat(slow.met()).isFalse();
    assertThat(slow.limitedBy()).startsWith("0.050 of the raw produce rate;");
  }

  @Test
  void streamsCpuTargetIsSixtyMicrosecondsPerEvent() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    assertThat(figures.streamsCpu(Map.of("streamsCpuMicrosPerEvent", 59.5)).met()).isTrue();
    assertThat(figures.streamsCpu(Map.of("streamsCpuMicrosPerEvent", 151.0)).met()).isFalse();
    assertThat(figures.streamsCpu(Map.of()).met()).as("not measured").isFalse();
  }

  private static final Map<String, Object> CORES = Map.of("streams", 0.9, "sink", 0.1, "collectorsAndLoad", 0.2);

  private static Map<String, Object> throughputPhase(double landed) {
    return Map.of("landedEventsPerSecond", landed, "acceptedEventsPerSecond", landed, "tokenUsageEndOffsetsAtEnd",
        1_000_000L, "tokenUsageEnrichedEndOffsetsAtEnd", 900_000L, "rowsInClickHouseAtEnd", 900_000L,
        "backlogBound", 100_000, "machineCpuBusyShare", 0.8);
  }

  @Test
  void rssTargetIsOneGibibyte() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    assertThat(figures.rss(1L << 30).met()).isTrue();
    assertThat(figures.rss((1L << 30) + 1).met()).isFalse();
    assertThat(figures.rss(700L << 20).measured()).isEqualTo(700.0);
  }
}
