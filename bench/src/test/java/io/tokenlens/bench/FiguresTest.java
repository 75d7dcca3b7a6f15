package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    assertThat(figures.latency(new ClickHouseProbe.Latency(600_000, 400, 1_500, 1_900), sent).met()).isTrue();
    assertThat(figures.latency(new ClickHouseProbe.Latency(500_000, 400, 1_500, 1_900), sent).met()).isFalse();
    assertThat(figures.latency(new ClickHouseProbe.Latency(600_000, 400, 2_500, 3_000), sent).met()).isFalse();
  }

  @Test
  void rssTargetIsOneGibibyte() {
    Figures figures = new Figures(PipelineOptions.parse(List.of()));
    assertThat(figures.rss(1L << 30).met()).isTrue();
    assertThat(figures.rss((1L << 30) + 1).met()).isFalse();
    assertThat(figures.rss(700L << 20).measured()).isEqualTo(700.0);
  }
}
