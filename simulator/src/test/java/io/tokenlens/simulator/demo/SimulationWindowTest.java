package io.tokenlens.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationWindowTest {
  @TempDir Path dir;

  private SimulationWindow at(String now) {
    return new SimulationWindow(dir.resolve("demo/simulation.properties"),
        Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
  }

  @Test
  void shouldEndAtTheStartOfTheCurrentHourTheFirstTime() {
    SimulationWindow window = at("2026-12-01T22:47:13Z");

    assertThat(window.end()).isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
    assertThat(window.replays(window.end())).isFalse();
  }

  @Test
  void shouldReplayTheLastRunsEndWithinTheDeduplicationWindow() throws Exception {
    at("2026-12-01T22:47:13Z").remember(Instant.parse("2026-12-01T22:00:00Z"));

    SimulationWindow later = at("2026-12-02T04:40:00Z");

    assertThat(later.end()).isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
    assertThat(later.replays(later.end())).isTrue();
  }

  @Test
  void shouldSimulateAfreshOnceTheLastRunIsOlderThanTheDeduplicationWindow() throws Exception {
    at("2026-12-01T22:47:13Z").remember(Instant.parse("2026-12-01T22:00:00Z"));

    SimulationWindow later = at("2026-12-02T04:47:13Z");

    assertThat(later.end()).isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
    assertThat(later.replays(later.end())).isFalse();
  }
}
