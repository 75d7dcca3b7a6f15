package io.tokenlens.demo;

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
    return new SimulationWindow(
        dir.resolve("demo/simulation.properties"), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
  }

  @Test
  void shouldEndAtTheStartOfTheCurrentHourTheFirstTime() {
    SimulationWindow window = at("2026-12-01T22:47:13Z");

    assertThat(window.end(2)).isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
    assertThat(window.replays(window.end(2))).isFalse();
  }

  @Test
  void shouldSimulateTheLastWeekdaysWhenTheDaysBeforeThisHourAreAWeekend() {
    SimulationWindow monday =
        at("2026-12-07T02:17:00Z"); // the two days before: Saturday and Sunday

    assertThat(monday.end(2))
        .isEqualTo(Instant.parse("2026-12-05T02:00:00Z")); // Thursday and Friday
    assertThat(at("2026-12-07T09:30:00Z").end(1))
        .isEqualTo(Instant.parse("2026-12-05T09:00:00Z")); // Fri-Sat
    assertThat(at("2026-12-08T09:30:00Z").end(2))
        .isEqualTo(Instant.parse("2026-12-08T09:00:00Z")); // Sun-Tue
  }

  @Test
  void shouldReplayTheLastRunsEndWithinTheDeduplicationWindow() throws Exception {
    at("2026-12-01T22:47:13Z").remember(Instant.parse("2026-12-01T22:00:00Z"));

    SimulationWindow later = at("2026-12-02T04:40:00Z");

    assertThat(later.end(2)).isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
    assertThat(later.replays(later.end(2))).isTrue();
  }

  @Test
  void shouldSimulateAfreshOnceTheLastRunIsOlderThanTheDeduplicationWindow() throws Exception {
    at("2026-12-01T22:47:13Z").remember(Instant.parse("2026-12-01T22:00:00Z"));

    SimulationWindow later = at("2026-12-02T04:47:13Z");

    assertThat(later.end(2)).isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
    assertThat(later.replays(later.end(2))).isFalse();
  }
}
