package io.tokenlens.demo;

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
  void shouldCallItDrainedOnceThereWasNoLagForTheQuietPeriodWhileRowsStillChange() {
    at(0, 0, 100);
    assertThat(at(5, 0, 90).drained())
        .isFalse(); // a background merge: fewer rows, nothing on its way
    DrainTracker.Status s = at(10, 0, 80);

    assertThat(s.drained()).isTrue();
    assertThat(s.done()).isTrue();
    assertThat(s.drainedAfter()).contains(Duration.ofSeconds(10));
    assertThat(s.eta()).contains(Duration.ZERO);
  }

  @Test
  void shouldNotBeDoneBeforeTheDetectorsHaveSettledYetTellWhenItDrained() {
    DrainTracker settling = new DrainTracker(Duration.ofSeconds(10), T0.plusSeconds(80));
    settling.observe(T0, 0, 100);
    DrainTracker.Status quietButSettling = settling.observe(T0.plusSeconds(30), 0, 100);
    DrainTracker.Status settled = settling.observe(T0.plusSeconds(80), 0, 100);

    assertThat(quietButSettling.drained()).isTrue();
    assertThat(quietButSettling.done()).isFalse();
    assertThat(quietButSettling.settling()).isEqualTo(Duration.ofSeconds(50));
    assertThat(quietButSettling.eta()).contains(Duration.ofSeconds(50));
    assertThat(DrainWaiter.line(Map.of("sink", 0L), quietButSettling, Duration.ofSeconds(30)))
        .contains("drained after 30s  detectors settling 50s more");
    assertThat(settled.done()).isTrue();
    assertThat(settled.drainedAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void shouldStartTheQuietPeriodAgainWhenLagReappears() {
    at(0, 0, 100);
    at(10, 0, 100);
    at(12, 40, 100); // the streams job emitted on wall-clock time: the sink has records to land
    at(13, 0, 140);
    DrainTracker.Status s = at(19, 0, 140);

    assertThat(s.drained()).isFalse();
    assertThat(s.caughtUp()).isEqualTo(Duration.ofSeconds(6));
    assertThat(s.eta()).contains(Duration.ofSeconds(4));
    assertThat(at(23, 0, 140).drainedAfter()).contains(Duration.ofSeconds(23));
  }

  @Test
  void shouldEstimateTheTimeLeftFromHowFastTheLagFalls() {
    at(0, 1_000, 0);
    DrainTracker.Status s = at(5, 500, 2_000);

    assertThat(s.rowsPerSecond()).isEqualTo(400.0);
    assertThat(s.eta())
        .as("500 left at 100/s, then the quiet period")
        .contains(Duration.ofSeconds(15));
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
  void shouldShowHowLongThereHasBeenNoLag() {
    at(0, 0, 100);
    DrainTracker.Status s = at(4, 0, 100);

    assertThat(DrainWaiter.line(Map.of("sink", 0L), s, Duration.ofSeconds(4)))
        .isEqualTo("lag sink 0  rows 100 (+0/s)  no lag for 4s of 10s  elapsed 0:04  ETA 0:06");
  }
}
