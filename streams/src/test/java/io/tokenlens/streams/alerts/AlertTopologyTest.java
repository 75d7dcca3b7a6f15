package io.tokenlens.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BudgetPeriod;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.streams.config.AlertSettings;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.topology.TopologyHarness;
import io.tokenlens.streams.topology.TopologyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertTopologyTest {

  /** A Monday, 12:00 UTC: the driver's wall clock at start. */
  private static final Instant MONDAY_NOON = TopologyHarness.START;

  private static final Duration WEEK = Duration.ofDays(7);

  /** 09:00 and 10:00 of a replayed day. */
  private static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");

  private static final Instant TEN = NINE.plus(Duration.ofHours(1));

  @TempDir Path stateDir;
  private TopologyHarness harness;
  private TestInputTopic<String, SpendUpdate> partitionOne;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir);
    harness.pipe(ModelPrices.aPrice().build());
    for (String e : List.of("eng-1", "eng-2")) {
      harness.pipe(DirectoryEntries.anEngineer(e, "payments").build());
      harness.pipe(DirectoryEntries.anEmailIdentity(e).build());
    }
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldAlertAt80And100PercentOfADailyBudgetOncePerDay() {
    harness.pipe(DirectoryEntries.anEngineerBudget("eng-1", 10.0, null).build());
    Instant day = MONDAY_NOON;
    spend("eng-1", 7.0, day.plusSeconds(60));
    assertThat(harness.burnAlerts.readValuesToList()).isEmpty();
    spend("eng-1", 1.5, day.plusSeconds(120)); // 85 %
    spend("eng-1", 1.0, day.plusSeconds(180)); // 95 %: 80 % raised already
    spend("eng-1", 0.6, day.plusSeconds(240)); // 101 %
    spend("eng-1", 3.0, day.plusSeconds(300)); // 131 %: both raised already
    spend("eng-1", 8.5, day.plus(Duration.ofDays(1))); // the next day: 85 % again

    List<BurnAlert> alerts = harness.burnAlerts.readValuesToList();
    assertThat(alerts)
        .extracting(a -> a.getKind() + " " + a.getWindowStart())
        .containsExactly(
            "BUDGET_80_PERCENT 2026-03-02T00:00:00Z",
            "BUDGET_100_PERCENT 2026-03-02T00:00:00Z",
            "BUDGET_80_PERCENT 2026-03-03T00:00:00Z");
    BurnAlert first = alerts.get(0);
    assertThat(first.getSubjectKind()).isEqualTo(SubjectKind.ENGINEER);
    assertThat(first.getSubjectId()).isEqualTo("eng-1");
    assertThat(first.getTeam()).isEqualTo("payments");
    assertThat(first.getBudgetPeriod()).isEqualTo(BudgetPeriod.DAILY);
    assertThat(first.getWindowEnd()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    assertThat(first.getObservedUsd()).isCloseTo(8.5, within(1e-4));
    assertThat(first.getBudgetUsd()).isEqualTo(10.0);
    assertThat(first.getThresholdUsd()).isCloseTo(8.0, within(1e-9));
    assertThat(first.getAlertId())
        .isEqualTo("BUDGET_80_PERCENT:ENGINEER:eng-1:DAILY:2026-03-02T00:00:00Z");
    assertThat(first.getMessage()).contains("eng-1", "80%", "daily", "$8.50 of $10.00");
    assertThat(alerts.get(1).getObservedUsd()).isCloseTo(10.1, within(1e-4));
  }

  @Test
  void shouldAlertOnATeamsMonthlyBudgetOncePerMonth() {
    harness.pipe(DirectoryEntries.aTeamBudget("payments", null, 100.0).build());
    Instant month = Instant.parse("2026-03-01T00:00:00Z");
    spend("eng-1", 50.0, month.plus(Duration.ofDays(3)));
    spend("eng-2", 31.0, month.plus(Duration.ofDays(10))); // 81 %
    spend("eng-1", 10.0, month.plus(Duration.ofDays(20))); // 91 %
    spend("eng-2", 9.5, month.plus(Duration.ofDays(30))); // 100.5 %, 31 March
    spend("eng-2", 85.0, Instant.parse("2026-04-02T00:00:00Z")); // April: 85 %

    List<TestRecord<String, BurnAlert>> alerts = harness.burnAlerts.readRecordsToList();
    assertThat(alerts).extracting(TestRecord::key).containsOnly("TEAM:payments");
    assertThat(alerts)
        .extracting(
            r ->
                r.value().getKind()
                    + " "
                    + r.value().getBudgetPeriod()
                    + " "
                    + r.value().getWindowStart())
        .containsExactly(
            "BUDGET_80_PERCENT MONTHLY 2026-03-01T00:00:00Z",
            "BUDGET_100_PERCENT MONTHLY 2026-03-01T00:00:00Z",
            "BUDGET_80_PERCENT MONTHLY 2026-04-01T00:00:00Z");
    assertThat(alerts.get(0).value().getTeam()).isEqualTo("payments");
  }

  @Test
  void shouldRaiseAnAnomalyAgainstTheHourOfWeekBaselineButNotForAQuietEngineer() {
    double[] busy = {6.0, 7.0, 6.5};
    double[] quiet = {0.5, 0.4, 0.5};
    for (int week = 0; week < 3; week++) {
      Instant noon = MONDAY_NOON.plus(WEEK.multipliedBy(week));
      hourOfSpend(noon, busy[week], quiet[week]);
      assertThat(harness.burnAlerts.readValuesToList()).isEmpty(); // building the baseline
    }
    Instant noon = MONDAY_NOON.plus(WEEK.multipliedBy(3));
    hourOfSpend(noon, 40.0, 3.0); // the quiet engineer's spend is 6x usual, but under the $5 floor

    List<BurnAlert> alerts = harness.burnAlerts.readValuesToList();
    assertThat(alerts)
        .extracting(a -> a.getSubjectKind() + ":" + a.getSubjectId())
        .containsExactlyInAnyOrder("ENGINEER:eng-1", "TEAM:payments");
    BurnAlert engineer =
        alerts.stream()
            .filter(a -> a.getSubjectKind() == SubjectKind.ENGINEER)
            .findFirst()
            .orElseThrow();
    assertThat(engineer.getKind()).isEqualTo(AlertKind.ANOMALOUS_BURN);
    assertThat(engineer.getWindowStart()).isEqualTo(noon);
    assertThat(engineer.getWindowEnd()).isEqualTo(noon.plus(Duration.ofHours(1)));
    assertThat(engineer.getObservedUsd()).isCloseTo(40.0, within(1e-4));
    assertThat(engineer.getBaselineUsd()).isBetween(6.0, 7.0);
    assertThat(engineer.getThresholdUsd()).isBetween(6.0, 40.0);
    assertThat(engineer.getTeam()).isEqualTo("payments");
    assertThat(engineer.getAlertId()).isEqualTo("ANOMALOUS_BURN:ENGINEER:eng-1:" + noon);
    assertThat(engineer.getMessage()).contains("eng-1", "$40.00", "score");
  }

  @Test
  void shouldEvaluateAClosedHourOnTheWallClockWithoutAnyFurtherRecord() {
    for (int week = 0; week < 3; week++) {
      hourOfSpend(MONDAY_NOON.plus(WEEK.multipliedBy(week)), 6.0, 0.0);
    }
    Instant noon = MONDAY_NOON.plus(WEEK.multipliedBy(3));
    harness.advanceWallClockTo(noon.plus(Duration.ofMinutes(5)));
    spend("eng-1", 30.0, noon.plus(Duration.ofMinutes(10)));

    harness.advanceWallClockTo(
        noon.plus(Duration.ofMinutes(64))); // within the 5-minute grace after the hour
    assertThat(harness.burnAlerts.readValuesToList()).isEmpty();

    harness.advanceWallClockTo(
        noon.plus(Duration.ofMinutes(66))); // no record since: the punctuation closes it
    assertThat(harness.burnAlerts.readValuesToList())
        .extracting(BurnAlert::getSubjectId)
        .containsExactlyInAnyOrder("eng-1", "payments");

    spend(
        "eng-1",
        30.0,
        noon.plus(Duration.ofMinutes(20))); // late for the closed hour: not scored again
    harness.advanceWallClockTo(noon.plus(Duration.ofHours(3)));
    assertThat(harness.burnAlerts.readValuesToList()).isEmpty();
  }

  @Test
  void shouldScoreHoursByStreamTimeAgainstOneBaselineWhenReplaying() {
    replaying("replay", Map.of(AlertSettings.BURN_SLOTS, "1", AlertSettings.BURN_MIN_WEEKS, "3"));
    Instant day = Instant.parse("2026-01-05T08:00:00Z"); // days before the driver's wall clock
    double[] hourly = {6.0, 7.0, 6.5, 6.0, 40.0, 6.5};
    for (int h = 0; h < hourly.length; h++) {
      spend("eng-1", hourly[h], day.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(20)));
    }
    // the task's watermark 13:20 closes the hours up to 12:00 (its end + 5 min grace) at the next
    // evaluation: a sum for 12:00 read before it still counts
    spend("eng-1", 5.0, day.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(30)));
    harness.advanceWallClockBy(Duration.ofMinutes(2));
    List<BurnAlert> alerts = harness.burnAlerts.readValuesToList();
    assertThat(alerts)
        .extracting(a -> a.getSubjectKind() + " " + a.getWindowStart())
        .containsExactlyInAnyOrder("ENGINEER 2026-01-05T12:00:00Z", "TEAM 2026-01-05T12:00:00Z");
    assertThat(alerts.get(0).getObservedUsd()).isCloseTo(45.0, within(1e-4));
    // 13:00 is open
    spend("eng-1", 60.0, day.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(50)));
    spend("eng-1", 1.0, day.plus(Duration.ofHours(7)));
    harness.advanceWallClockBy(Duration.ofMinutes(2));
    assertThat(harness.burnAlerts.readValuesToList())
        .extracting(a -> a.getSubjectKind() + " " + a.getWindowStart())
        .containsExactlyInAnyOrder("ENGINEER 2026-01-05T13:00:00Z", "TEAM 2026-01-05T13:00:00Z");
  }

  @Test
  void shouldScoreReplayedDaysThatArriveAtOnceAgainstTheSameHourOfTheDayBefore() {
    replaying(
        "replay-days", Map.of(AlertSettings.BURN_SLOTS, "24", AlertSettings.BURN_MIN_WEEKS, "1"));
    Instant monday = Instant.parse("2026-01-05T09:00:00Z");
    Instant tuesday = monday.plus(Duration.ofDays(1));
    spend("eng-1", 6.0, monday.plus(Duration.ofMinutes(10)));
    spend("eng-1", 2.0, monday.plus(Duration.ofHours(1))); // another hour: another slot
    spend("eng-1", 40.0, tuesday.plus(Duration.ofMinutes(10)));
    spend("eng-1", 1.0, tuesday.plus(Duration.ofHours(5))); // closes Tuesday 09:00
    assertThat(harness.burnAlerts.readValuesToList()).isEmpty(); // not evaluated yet

    harness.advanceWallClockBy(Duration.ofMinutes(2));

    assertThat(harness.burnAlerts.readValuesToList())
        .extracting(a -> a.getSubjectKind() + " " + a.getWindowStart())
        .containsExactlyInAnyOrder("ENGINEER " + tuesday, "TEAM " + tuesday);
  }

  /**
   * Replayed hours closed by the watermarks of two summing tasks: partition 0 is the driver's own
   * task, fed requests; partition 1 is written straight to the repartition by subject, as a second
   * task's flushes would write it.
   */
  @Test
  void shouldScoreAReplayedHourOnlyOnceBothWatermarksPassedItWithTheSumsOfBoth() {
    replayingTwoPartitions();
    usualNineOClock();
    spend("eng-1", 10.0, TEN.plus(Duration.ofMinutes(20)));
    spend("eng-1", 1.0, TEN.plus(Duration.ofHours(3))); // partition 0 is hours past 10:00
    harness.advanceWallClockBy(Duration.ofMinutes(2)); // far past the settle time
    assertThat(harness.burnAlerts.readValuesToList())
        .as("10:00 waits for partition 1, whose watermark is 10:45")
        .isEmpty();

    fromPartitionOne(30.0, TEN.plus(Duration.ofMinutes(50))); // out of order, behind partition 0
    watermarkOfPartitionOne(TEN.plus(Duration.ofMinutes(64)));
    harness.advanceWallClockBy(Duration.ofSeconds(2));
    assertThat(harness.burnAlerts.readValuesToList())
        .as("partition 1 is not past 11:05, the hour's end plus the grace")
        .isEmpty();

    watermarkOfPartitionOne(TEN.plus(Duration.ofHours(2)));
    harness.advanceWallClockBy(Duration.ofSeconds(2));

    List<BurnAlert> alerts = harness.burnAlerts.readValuesToList();
    assertThat(alerts)
        .extracting(a -> a.getSubjectKind() + " " + a.getWindowStart())
        .containsExactlyInAnyOrder("ENGINEER " + TEN, "TEAM " + TEN);
    assertThat(alerts)
        .allSatisfy(a -> assertThat(a.getObservedUsd()).isCloseTo(40.0, within(1e-4)));
    assertThat(alerts).allSatisfy(a -> assertThat(a.getBaselineUsd()).isCloseTo(6.0, within(1e-4)));
  }

  @Test
  void shouldCountASumForAReplayedHourAlreadyScoredAsLateAndNotScoreItAgain() {
    replayingTwoPartitions();
    usualNineOClock();
    spend("eng-1", 30.0, TEN.plus(Duration.ofMinutes(20)));
    spend("eng-1", 1.0, TEN.plus(Duration.ofHours(3)));
    watermarkOfPartitionOne(TEN.plus(Duration.ofHours(2)));
    harness.advanceWallClockBy(Duration.ofSeconds(2));
    assertThat(harness.burnAlerts.readValuesToList()).hasSize(2); // engineer and team at 10:00
    assertThat(harness.counter(AlertProcessor.LATE_FOR_BURN + "-total")).isZero();

    fromPartitionOne(50.0, TEN.plus(Duration.ofMinutes(55))); // behind its own watermark
    watermarkOfPartitionOne(TEN.plus(Duration.ofHours(5)));
    spend("eng-1", 1.0, TEN.plus(Duration.ofHours(6)));
    harness.advanceWallClockBy(Duration.ofSeconds(2));

    assertThat(harness.counter(AlertProcessor.LATE_FOR_BURN + "-total"))
        .isEqualTo(2.0); // the engineer's and the team's sum
    assertThat(harness.burnAlerts.readValuesToList()).isEmpty();
  }

  @Test
  void shouldRejectABaselineSlotCountOtherThanWeekDayOrOne() {
    Map<String, String> values = new HashMap<>(StreamsAppConfig.defaults());
    values.put(AlertSettings.BURN_SLOTS, "12");
    assertThatThrownBy(() -> StreamsAppConfig.fromMap(values))
        .hasMessageContaining(AlertSettings.BURN_SLOTS + " must be one of [168, 24, 1]");
  }

  /** A replay's settings with {@code overrides}, and the directory of eng-1. */
  private void replaying(String dir, Map<String, String> overrides) {
    harness.close();
    Map<String, String> values = new HashMap<>(overrides);
    values.put(AlertSettings.BURN_CLOCK, "event");
    harness = new TopologyHarness(stateDir.resolve(dir), values);
    harness.pipe(ModelPrices.aPrice().build());
    harness.pipe(DirectoryEntries.anEngineer("eng-1", "payments").build());
    harness.pipe(DirectoryEntries.anEmailIdentity("eng-1").build());
  }

  /** A replay with two summing tasks, one baseline, evaluated every second. */
  private void replayingTwoPartitions() {
    replaying(
        "replay-two-partitions",
        Map.of(
            TopicSettings.STREAM_PARTITIONS, "2",
            AlertSettings.BURN_SLOTS, "1",
            AlertSettings.BURN_MIN_WEEKS, "1",
            AlertSettings.EVALUATE_INTERVAL_MS, "1000"));
    String applicationId =
        harness.config().streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    partitionOne =
        harness
            .driver()
            .createInputTopic(
                applicationId + "-" + TopologyNames.ALERTS_REPARTITION + "-repartition",
                new StringSerializer(),
                new SpendUpdateSerde().serializer());
  }

  /** 09:00: $4 read by partition 0, $2 by partition 1 (whose watermark then is 10:45). */
  private void usualNineOClock() {
    spend("eng-1", 4.0, NINE.plus(Duration.ofMinutes(10)));
    fromPartitionOne(2.0, NINE.plus(Duration.ofMinutes(40)));
    watermarkOfPartitionOne(TEN.plus(Duration.ofMinutes(45)));
  }

  /** The sums partition 1's task forwards for a request of eng-1. */
  private void fromPartitionOne(double usd, Instant at) {
    partitionOne.pipeInput("ENGINEER:eng-1", new SpendUpdate.Sum(usd), at);
    partitionOne.pipeInput("TEAM:payments", new SpendUpdate.Sum(usd), at);
  }

  private void watermarkOfPartitionOne(Instant at) {
    partitionOne.pipeInput(
        SpendUpdate.watermarkKey(1), new SpendUpdate.Watermark(1, at.toEpochMilli()), at);
  }

  /**
   * One hour of spend of both engineers, from before the hour until it closed by the wall clock.
   */
  private void hourOfSpend(Instant hourStart, double busyUsd, double quietUsd) {
    harness.advanceWallClockTo(hourStart.plus(Duration.ofMinutes(5)));
    spend("eng-1", busyUsd / 2, hourStart.plus(Duration.ofMinutes(10)));
    spend("eng-1", busyUsd / 2, hourStart.plus(Duration.ofMinutes(40)));
    if (quietUsd > 0) {
      spend("eng-2", quietUsd, hourStart.plus(Duration.ofMinutes(30)));
    }
    harness.advanceWallClockTo(hourStart.plus(Duration.ofMinutes(66)));
  }

  /**
   * A request costing {@code usd} (uncached input at $3 per million tokens), and the wall-clock
   * second after which its task forwards the spend it summed.
   */
  private void spend(String engineer, double usd, Instant at) {
    long tokens = Math.round(usd * 1_000_000 / 3.0);
    harness.pipe(
        TokenUsages.aRequest()
            .engineer(engineer)
            .unresolved()
            .tokens(tokens, 0, 0, 0)
            .at(at)
            .build(),
        at);
    harness.advanceWallClockBy(SpendPartials.FLUSH);
  }
}
