package io.tokenlens.simulator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.streams.config.AlertSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BurnModelTest {
  private static final Instant MONDAY_NINE = Instant.parse("2026-11-30T09:00:00Z");

  @Test
  void shouldRaiseAnHourOnlyAgainstTheSameHourOfEarlierDaysWithDailySlots() {
    BurnModel model =
        new BurnModel(
            AlertSettings.fromMap(
                Map.of(AlertSettings.BURN_SLOTS, "24", AlertSettings.BURN_MIN_WEEKS, "1")));
    NavigableMap<Instant, Double> hourly = new TreeMap<>();
    hourly.put(MONDAY_NINE, 6.0);
    hourly.put(MONDAY_NINE.plus(Duration.ofHours(1)), 60.0); // a new slot: no baseline yet
    hourly.put(
        MONDAY_NINE.plus(Duration.ofDays(1)), 6.5); // under 6.0 + 3 deviations (10 % of the mean)
    hourly.put(MONDAY_NINE.plus(Duration.ofDays(2)), 40.0);

    assertThat(model.anomalousHours(hourly)).containsExactly(MONDAY_NINE.plus(Duration.ofDays(2)));
    assertThat(model.baselineAt(hourly, MONDAY_NINE.plus(Duration.ofDays(2))).observations())
        .isEqualTo(2);
  }

  @Test
  void shouldDecideAnHourOnceTheHorizonHasPassedItsEndPlusTheGrace() {
    BurnModel model =
        new BurnModel(
            AlertSettings.fromMap(
                Map.of(
                    AlertSettings.BURN_GRACE_MS, Long.toString(Duration.ofHours(2).toMillis()))));
    Instant noon = MONDAY_NINE.plus(Duration.ofHours(3));

    assertThat(model.isDecided(MONDAY_NINE, noon)).as("09:00 + 1 h + 2 h grace = noon").isTrue();
    assertThat(model.isDecided(MONDAY_NINE, noon.minusMillis(1))).isFalse();
    assertThat(model.isDecided(MONDAY_NINE.plus(Duration.ofHours(1)), noon)).isFalse();
  }

  @Test
  void shouldKeepQuietHoursUnderTheFloor() {
    BurnModel model = new BurnModel(AlertSettings.fromMap(Map.of(AlertSettings.BURN_SLOTS, "1")));
    NavigableMap<Instant, Double> hourly = new TreeMap<>();
    for (int h = 0; h < 6; h++) {
      hourly.put(MONDAY_NINE.plus(Duration.ofHours(h)), 0.5);
    }
    hourly.put(MONDAY_NINE.plus(Duration.ofHours(6)), 4.9); // 10x, under the $5 floor

    assertThat(model.anomalousHours(hourly)).isEmpty();
  }
}
