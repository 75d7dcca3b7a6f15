package io.tokenlens.simulator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.budget.TeamSpend;
import io.tokenlens.simulator.eval.ReplaySettings;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

class BurnBurstTest {
  private static final BurnModel MODEL = new BurnModel(ReplaySettings.DEFAULT.alertSettings());

  /** Friday 23:00 UTC: the demo test's simulated days end on a weekday evening. */
  private static final Instant FRIDAY_EVENING = Instant.parse("2026-12-04T23:00:00Z");

  @Test
  void shouldPlantABurstTheReplayRaisesAndNothingElseForTheDemoTestsOrganisation() {
    for (long seed = 1; seed <= 3; seed++) {
      for (int day = 0; day < 4; day++) { // Friday back to Tuesday: two weekdays each
        Instant end = FRIDAY_EVENING.minus(Duration.ofDays(day));
        Organisation organisation = Organisation.generate(seed, 6, 3);
        Timeline timeline = Simulation.run(organisation, seed, 2, end, 0.2, true);
        Map<String, NavigableMap<Instant, Double>> hourly = hourly(organisation, timeline, end);

        BurnBurst.Planted burst = timeline.plantedBurn().orElseThrow();

        assertOnlyTheBurstAlerts(hourly, timeline, burst, "seed " + seed + ", end " + end);
        assertThat(hourly.get(burst.team()).get(burst.hour()))
            .isGreaterThanOrEqualTo(BurnBurst.THRESHOLD_MULTIPLE * burst.thresholdUsd() - 1e-9);
        assertThat(burst.hour().plus(Duration.ofHours(2)).plus(MODEL.settings().burnGrace()))
            .as("a later hour of the team's spend closes the burst's hour by stream time")
            .isBeforeOrEqualTo(hourly.get(burst.team()).lastKey());
      }
    }
  }

  /**
   * The default demo's organisation (300 engineers in 8 teams over two days): its planted waste
   * puts single engineers' AI-heavy work into team hours a one-day baseline never saw, which must
   * not alert on the team.
   */
  @Test
  void shouldPlantTheOnlyAnomalousTeamHourOfTheDefaultDemo() {
    Instant end = Instant.parse("2026-12-05T12:00:00Z");
    Organisation organisation = Organisation.generate(1, 300, 8);
    Timeline timeline = Simulation.run(organisation, 1, 2, end, 0.2, true);

    BurnBurst.Planted burst = timeline.plantedBurn().orElseThrow();

    assertOnlyTheBurstAlerts(
        hourly(organisation, timeline, end), timeline, burst, "the default demo");
  }

  @Test
  void shouldPlantNothingWithoutAnEarlierDayToCompareTheHourWith() {
    Organisation organisation = Organisation.generate(1, 6, 3);

    Timeline timeline = Simulation.run(organisation, 1, 1, FRIDAY_EVENING, 0.2, true);

    assertThat(timeline.plantedBurn()).isEmpty();
  }

  private static void assertOnlyTheBurstAlerts(
      Map<String, NavigableMap<Instant, Double>> hourly,
      Timeline timeline,
      BurnBurst.Planted burst,
      String run) {
    Instant horizon = ReplayHorizon.of(timeline.events());
    assertThat(MODEL.isDecided(burst.hour(), horizon))
        .as(run + ": every partition's newest request closes the burst's hour")
        .isTrue();
    assertThat(BurnBurst.expectedAlerts(MODEL, hourly, horizon))
        .as(run)
        .isEqualTo(Map.of(burst.team(), List.of(burst.hour())));
  }

  private static Map<String, NavigableMap<Instant, Double>> hourly(
      Organisation organisation, Timeline timeline, Instant end) {
    return new TeamSpend(organisation, DefaultPrices.load(end.toEpochMilli())).hourly(timeline);
  }
}
