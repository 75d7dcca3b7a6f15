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
  void shouldDecideAnHourOnceTheOrganisationsSpendHasPassedItsEndPlusTheGrace() {
    BurnModel model =
        new BurnModel(
            AlertSettings.fromMap(
                Map.of(
                    AlertSettings.BURN_GRACE_MS, Long.toString(Duration.ofHours(2).toMillis()))));
    Instant noon = MONDAY_NINE.plus(Duration.ofHours(3));
    Map<String, NavigableMap<Instant, Double>> hourly =
        Map.of(
            "team-01", new TreeMap<>(Map.of(MONDAY_NINE, 6.0)),
            "team-02", new TreeMap<>(Map.of(MONDAY_NINE, 1.0, noon, 1.0)));

    Instant last = BurnModel.lastHour(hourly);

    assertThat(last).isEqualTo(noon);
    assertThat(model.isDecided(MONDAY_NINE, last))
        .as("team-01's last hour, closed by team-02's later spend")
        .isTrue();
    assertThat(model.isDecided(MONDAY_NINE.plus(Duration.ofHours(1)), last)).isFalse();
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
