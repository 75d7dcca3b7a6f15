package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

  @Test
  void defaultsArePinnedWorkloadOfFullLength() {
    PipelineOptions o = PipelineOptions.parse(List.of());
    assertThat(o.durationSeconds()).isEqualTo(180);
    assertThat(o.latencyRate()).isEqualTo(10_000);
    assertThat(o.engineers()).isEqualTo(100_000);
    assertThat(o.recordsPerRequest()).isEqualTo(100);
    assertThat(o.profile()).isFalse();
    assertThat(o.fullLength()).isTrue();
  }

  @Test
  void shortDurationIsSmokeRun() {
    PipelineOptions o = PipelineOptions.parse(List.of("--duration", "30", "--profile"));
    assertThat(o.fullLength()).isFalse();
    assertThat(o.profile()).isTrue();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                PipelineOptions.parse(
                    List.of(
                        "--records-per-request",
                        "101",
                        "--duration",
                        "ten",
                        "--streams-heap",
                        "lots",
                        "--bogus",
                        "--streams-health-port",
                        "9464",
                        "--engineers")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--records-per-request must be between 1 and 100 but is 101")
        .hasMessageContaining("--duration must be an integer but is 'ten'")
        .hasMessageContaining("--streams-heap must be a size like 512m or 1g but is 'lots'")
        .hasMessageContaining("unknown option '--bogus'; known: --duration, --backlog")
        .hasMessageContaining(
            "--streams-health-port and --sink-metrics-port must differ (both 9464)")
        .hasMessageContaining("--engineers needs a value")
        .hasMessageContaining("usage: ./tokenlens bench pipeline");
  }

  @Test
  void refusesMissingConfigFile() {
    assertThatThrownBy(
            () ->
                PipelineOptions.parse(
                    List.of("--streams-config", "/nonexistent/streams.properties")))
        .hasMessageContaining(
            "--streams-config names no readable file: /nonexistent/streams.properties");
  }
}
