package io.tokenlens.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainTrackerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T23:00:00Z");
  private final DrainTracker tracker = new DrainTracker(Duration.ofSeconds(10));

  private DrainTracker.Status at(int second, long lag, long rows) {
    return tracker.observe(T0.plusSeconds(second), lag, rows);
  }

  @Test
  void shouldNotCallItDrainedWhileThereIsLag() {
    at(0, 500, 100);
    DrainTracker.Status s = at(20, 1, 100);

    assertThat(s.drained()).isFalse();
  }

  @Test
  void shouldCallItDrainedOnceRowsStayUnchangedWithoutLagForTheQuietPeriod() {
    at(0, 0, 100);
    assertThat(at(5, 0, 100).drained()).isFalse();
    DrainTracker.Status s = at(10, 0, 100);

    assertThat(s.drained()).isTrue();
    assertThat(s.eta()).contains(Duration.ZERO);
  }

  @Test
  void shouldNotCallItDrainedBeforeTheDetectorsHaveSettled() {
    DrainTracker settling = new DrainTracker(Duration.ofSeconds(10), T0.plusSeconds(80));
    settling.observe(T0, 0, 100);
    DrainTracker.Status quietButSettling = settling.observe(T0.plusSeconds(30), 0, 100);
    DrainTracker.Status settled = settling.observe(T0.plusSeconds(80), 0, 100);

    assertThat(quietButSettling.drained()).isFalse();
    assertThat(quietButSettling.settling()).isEqualTo(Duration.ofSeconds(50));
    assertThat(quietButSettling.eta()).contains(Duration.ofSeconds(50));
    assertThat(DrainWaiter.line(Map.of("sink", 0L), quietButSettling, Duration.ofSeconds(30)))
        .contains("detectors settling 50s more");
    assertThat(settled.drained()).isTrue();
  }

  @Test
  void shouldStartTheQuietPeriodAgainWhenRowsStillLand() {
    at(0, 0, 100);
    at(9, 0, 150);
    DrainTracker.Status s = at(15, 0, 150);

    assertThat(s.drained()).isFalse();
    assertThat(s.settled()).isEqualTo(Duration.ofSeconds(6));
    assertThat(s.eta()).contains(Duration.ofSeconds(4));
  }

  @Test
  void shouldEstimateTheTimeLeftFromHowFastTheLagFalls() {
    at(0, 1_000, 0);
    DrainTracker.Status s = at(5, 500, 2_000);

    assertThat(s.rowsPerSecond()).isEqualTo(400.0);
    assertThat(s.eta()).as("500 left at 100/s, then the quiet period").contains(Duration.ofSeconds(15));
  }

  @Test
  void shouldHaveNoEstimateWhileTheLagDoesNotFall() {
    at(0, 300, 0);

    assertThat(at(5, 300, 0).eta()).isEmpty();
  }

  @Test
  void shouldShowLagPerGroupRowsElapsedAndTimeLeftOnOneLine() {
    at(0, 1_000, 0);
    DrainTracker.Status s = at(5, 500, 2_000);
    Map<String, Long> lags = new LinkedHashMap<>();
    lags.put("streams", 450L);
    lags.put("sink", 50L);

    assertThat(DrainWaiter.line(lags, s, Duration.ofSeconds(65)))
        .isEqualTo("lag streams 450 sink 50  rows 2,000 (+400/s)  elapsed 1:05  ETA 0:15");
  }

  @Test
  void shouldShowHowLongTheRowsHaveBeenUnchangedOnceThereIsNoLag() {
    at(0, 0, 100);
    DrainTracker.Status s = at(4, 0, 100);

    assertThat(DrainWaiter.line(Map.of("sink", 0L), s, Duration.ofSeconds(4)))
        .isEqualTo("lag sink 0  rows 100 (+0/s)  unchanged for 4s of 10s  elapsed 0:04  ETA 0:06");
  }
}
