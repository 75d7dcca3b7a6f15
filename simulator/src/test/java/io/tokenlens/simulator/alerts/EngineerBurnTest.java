package io.tokenlens.simulator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.budget.TeamSpend;
import io.tokenlens.simulator.eval.ReplaySettings;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.org.Usage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engineer hours a replay of the default demo's organisation (300 engineers in 8 teams, two
 * days ending 2026-12-05T12:00Z) raises as ANOMALOUS_BURN, by the model: each on spend the
 * simulator planted (waste, AI-heavy pull requests, the burst), except the hours of heavy users
 * with low output that clear the $5 floor against a quiet same hour of the day before.
 */
class EngineerBurnTest {
  private static final BurnModel MODEL = new BurnModel(ReplaySettings.DEFAULT.alertSettings());
  private static final Instant END = Instant.parse("2026-12-05T12:00:00Z");

  /**
   * The branch of an engineer's ordinary day ({@code feature/eng-0001-2}, heavy users {@code -w0});
   * planted work, look-alikes and the burst run on branches of their own.
   */
  private static final Pattern BASELINE_BRANCH = Pattern.compile("feature/eng-\\d+-w?\\d+");

  @Test
  void shouldRaiseTheDefaultDemosEngineerHoursOnPlantedSpendAndOneHeavyUsersHour() {
    assertRaised(
        1,
        Map.of(
            friday(16), "eng-0098",
            friday(18), "eng-0002 eng-0058 eng-0074 eng-0178 eng-0218 eng-0242 eng-0266 eng-0298",
            friday(19), "eng-0164",
            friday(20), "eng-0004 eng-0164 eng-0196"),
        List.of("eng-0266 " + friday(18)));
  }

  @Test
  void shouldRaiseSeedTwosEngineerHoursOnPlantedSpendAndOneHeavyUsersHour() {
    assertRaised(
        2,
        Map.of(
            friday(16), "eng-0258 eng-0282",
            friday(17), "eng-0032 eng-0266",
            friday(18), "eng-0018 eng-0032 eng-0034 eng-0050 eng-0114 eng-0138 eng-0266 eng-0290"),
        List.of("eng-0282 " + friday(16)));
  }

  @Test
  void shouldRaiseSeedThreesEngineerHoursOnPlantedSpendAndOneHeavyUsersHour() {
    assertRaised(
        3,
        Map.of(
            friday(17), "eng-0292",
            friday(18), "eng-0292",
            friday(19), "eng-0292",
            friday(20), "eng-0140",
            friday(21),
                "eng-0012 eng-0020 eng-0036 eng-0044 eng-0052 eng-0060 eng-0068 eng-0084 eng-0124"
                    + " eng-0132 eng-0140 eng-0156 eng-0188 eng-0220 eng-0228 eng-0236 eng-0276"
                    + " eng-0300"),
        List.of("eng-0068 " + friday(21)));
  }

  /**
   * Asserts the decided anomalous engineer hours of the seed's run (hour to its engineers,
   * space-separated), that each but {@code heavyUserHours} (engineer and hour) stays under its
   * threshold without the spend of planted sessions, and that those few are heavy users' ordinary
   * hours.
   */
  private static void assertRaised(
      long seed, Map<Instant, String> expected, List<String> heavyUserHours) {
    Organisation organisation = Organisation.generate(seed, 300, 8);
    Timeline timeline = Simulation.run(organisation, seed, 2, END, 0.2, true);
    EngineerSpend spend = EngineerSpend.of(organisation, timeline);
    Instant horizon = ReplayHorizon.of(timeline.events());

    Map<Instant, List<String>> raised = new TreeMap<>(); // engineers in id order
    List<String> withoutPlantedSpend = new ArrayList<>();
    spend.all.forEach(
        (engineer, hourly) -> {
          for (Instant hour : MODEL.decidedAnomalousHours(hourly, horizon)) {
            raised.computeIfAbsent(hour, h -> new ArrayList<>()).add(engineer);
            double threshold = MODEL.baselineAt(hourly, hour).threshold(MODEL.settings());
            double ordinary =
                spend.ordinary.getOrDefault(engineer, new TreeMap<>()).getOrDefault(hour, 0.0);
            if (ordinary >= threshold) {
              withoutPlantedSpend.add(engineer + " " + hour);
            }
          }
        });
    Map<Instant, String> engineersByHour = new TreeMap<>();
    raised.forEach((hour, engineers) -> engineersByHour.put(hour, String.join(" ", engineers)));

    assertThat(engineersByHour).as("seed " + seed).isEqualTo(new TreeMap<>(expected));
    assertThat(withoutPlantedSpend)
        .as("seed %d: hours that alert without planted spend", seed)
        .isEqualTo(heavyUserHours);
    for (String hour : heavyUserHours) {
      assertThat(spend.usage.get(hour.split(" ")[0])).isEqualTo(Usage.HEAVY_LOW_OUTPUT);
    }
  }

  private static Instant friday(int hour) {
    return Instant.parse("2026-12-04T00:00:00Z").plus(hour, ChronoUnit.HOURS);
  }

  /**
   * Each engineer's spend per UTC hour priced as the job prices it: all of it, and the ordinary
   * part (requests on the engineer's day branch or without one).
   */
  private record EngineerSpend(
      Map<String, NavigableMap<Instant, Double>> all,
      Map<String, NavigableMap<Instant, Double>> ordinary,
      Map<String, Usage> usage) {

    static EngineerSpend of(Organisation organisation, Timeline timeline) {
      TeamSpend prices = new TeamSpend(organisation, DefaultPrices.load(END.toEpochMilli()));
      Map<String, Engineer> byEmail = new HashMap<>();
      Stream.concat(organisation.engineers().stream(), Stream.of(organisation.ciBot()))
          .forEach(e -> byEmail.put(e.email(), e));
      EngineerSpend spend = new EngineerSpend(new TreeMap<>(), new TreeMap<>(), new HashMap<>());
      for (GeneratedEvent event : timeline.events()) {
        if (event.topic() != Topics.TOKEN_USAGE) {
          continue;
        }
        TokenUsage request = (TokenUsage) event.value();
        Engineer engineer =
            request.getUserEmail() == null ? null : byEmail.get(request.getUserEmail().toString());
        double cost = prices.costUsd(request);
        if (engineer != null && cost > 0) {
          spend.add(engineer, request, cost);
        }
      }
      return spend;
    }

    private void add(Engineer engineer, TokenUsage request, double cost) {
      Instant hour = request.getOccurredAt().truncatedTo(ChronoUnit.HOURS);
      usage.put(engineer.id(), engineer.usage());
      all.computeIfAbsent(engineer.id(), e -> new TreeMap<>()).merge(hour, cost, Double::sum);
      if (request.getBranch() == null || BASELINE_BRANCH.matcher(request.getBranch()).matches()) {
        ordinary
            .computeIfAbsent(engineer.id(), e -> new TreeMap<>())
            .merge(hour, cost, Double::sum);
      }
    }
  }
}
