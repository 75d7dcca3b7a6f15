package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void namesTheStageHoldingTheLargerBacklog() {
    assertThat(Figures.backlogStage(1_000_000, 200_000, 190_000))
        .startsWith("the streams job is the bottleneck: 800,000");
    assertThat(Figures.backlogStage(1_000_000, 990_000, 400_000))
        .startsWith("the sink is the bottleneck: about 590,000");
    assertThat(Figures.backlogStage(1_000, 1_000, 1_000)).isEqualTo("no backlog");
  }

  @Test
  void latencyTargetIsAtTheTargetRateAndNeedsEveryRowToHaveLanded() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    LoadDriver.Sent sent = new LoadDriver.Sent(5_000, 300_000, 60, 0, 0);
    LoadDriver.Sent high = new LoadDriver.Sent(10_000, 600_000, 60, 0, 0);
    ClickHouseProbe.Latency highLatency =
        new ClickHouseProbe.Latency(600_000, 3_000, 9_000, 11_000);
    Figure met =
        figures.latency(
            new ClickHouseProbe.Latency(300_000, 400, 1_500, 1_900), sent, highLatency, high);
    assertThat(met.met()).isTrue();
    assertThat(met.name()).isEqualTo("accept → row in ClickHouse, p99 at 5,000 events/s");
    assertThat(
            figures
                .latency(
                    new ClickHouseProbe.Latency(250_000, 400, 1_500, 1_900),
                    sent,
                    highLatency,
                    high)
                .met())
        .isFalse();
    Figure slow =
        figures.latency(
            new ClickHouseProbe.Latency(300_000, 400, 2_500, 3_000), sent, highLatency, high);
    assertThat(slow.met()).isFalse();
    assertThat(slow.limitedBy())
        .contains(
            "at 10,000 events/s offered (600,000 of 600,000 rows landed) p50 3,000 ms, "
                + "p99 9,000 ms");
  }

  @Test
  void throughputTargetNeedsTheRateAndItsShareOfTheRawProduceRate() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    assertThat(figures.throughput(180_000, throughputPhase(16_000), CORES).met()).isTrue();
    assertThat(figures.throughput(250_000, throughputPhase(16_000), CORES).met())
        .as("0.064 of raw")
        .isFalse();
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

  private static final Map<String, Object> CORES =
      Map.of("streams", 0.9, "sink", 0.1, "collectorsAndLoad", 0.2);

  private static Map<String, Object> throughputPhase(double landed) {
    return Map.of(
        "landedEventsPerSecond",
        landed,
        "acceptedEventsPerSecond",
        landed,
        "tokenUsageEndOffsetsAtEnd",
        1_000_000L,
        "tokenUsageEnrichedEndOffsetsAtEnd",
        900_000L,
        "rowsInClickHouseAtEnd",
        900_000L,
        "backlogBound",
        100_000,
        "machineCpuBusyShare",
        0.8);
  }

  @Test
  void rssTargetIsOneGibibyte() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    assertThat(figures.rss(1L << 30).met()).isTrue();
    assertThat(figures.rss((1L << 30) + 1).met()).isFalse();
    assertThat(figures.rss(700L << 20).measured()).isEqualTo(700.0);
  }

  @Test
  void restoreIsReportedWithoutATargetWithItsRecordsAndRate() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    Figure restore = figures.restore(new StreamsRestore(52.4, 1_200_000, 40.0));
    assertThat(restore.met()).isNull();
    assertThat(restore.measured()).isEqualTo(52.4);
    assertThat(restore.limitedBy())
        .contains("1,200,000 records restored")
        .contains("in 40.0 s of restoring (30,000 records/s)");
  }
}
