package io.tokenlens.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.streams.config.AlertSettings;
import io.tokenlens.streams.topology.TopologyHarness;
import io.tokenlens.streams.topology.TopologyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replayed hours ({@code streams.alerts.burn.clock=event}) closed by the watermarks of two summing
 * tasks: partition 0 is the driver's own task, fed requests; partition 1 is written straight to the
 * repartition by subject, as a second task's flushes would write it.
 */
class ReplayedBurnTopologyTest {

  private static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant TEN = NINE.plus(Duration.ofHours(1));

  @TempDir Path stateDir;
  private TopologyHarness harness;
  private TestInputTopic<String, SpendUpdate> partitionOne;

  @BeforeEach
  void start() {
    harness =
        new TopologyHarness(
            stateDir,
            Map.of(
                TopicSettings.STREAM_PARTITIONS, "2",
                AlertSettings.BURN_CLOCK, "event",
                AlertSettings.BURN_SLOTS, "1",
                AlertSettings.BURN_MIN_WEEKS, "1",
                AlertSettings.EVALUATE_INTERVAL_MS, "1000"));
    harness.pipe(ModelPrices.aPrice().build());
    harness.pipe(DirectoryEntries.anEngineer("eng-1", "payments").build());
    harness.pipe(DirectoryEntries.anEmailIdentity("eng-1").build());
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

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldScoreAnHourOnlyOnceBothWatermarksPassedItWithTheSumsOfBoth() {
    usualNineOClock();
    spend(10.0, TEN.plus(Duration.ofMinutes(20)));
    spend(1.0, TEN.plus(Duration.ofHours(3))); // partition 0 is hours past 10:00
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
  void shouldCountASumForAnHourAlreadyScoredAsLateAndNotScoreItAgain() {
    usualNineOClock();
    spend(30.0, TEN.plus(Duration.ofMinutes(20)));
    spend(1.0, TEN.plus(Duration.ofHours(3)));
    watermarkOfPartitionOne(TEN.plus(Duration.ofHours(2)));
    harness.advanceWallClockBy(Duration.ofSeconds(2));
    assertThat(harness.burnAlerts.readValuesToList()).hasSize(2); // engineer and team at 10:00
    assertThat(lateForBurn()).isZero();

    fromPartitionOne(50.0, TEN.plus(Duration.ofMinutes(55))); // behind its own watermark
    watermarkOfPartitionOne(TEN.plus(Duration.ofHours(5)));
    spend(1.0, TEN.plus(Duration.ofHours(6)));
    harness.advanceWallClockBy(Duration.ofSeconds(2));

    assertThat(lateForBurn()).isEqualTo(2.0); // the engineer's and the team's sum
    assertThat(harness.burnAlerts.readValuesToList()).isEmpty();
  }

  /** 09:00: $4 read by partition 0, $2 by partition 1 (whose watermark then is 10:45). */
  private void usualNineOClock() {
    spend(4.0, NINE.plus(Duration.ofMinutes(10)));
    fromPartitionOne(2.0, NINE.plus(Duration.ofMinutes(40)));
    watermarkOfPartitionOne(TEN.plus(Duration.ofMinutes(45)));
  }

  /** A request of eng-1 read by partition 0, and the second after which its task flushes. */
  private void spend(double usd, Instant at) {
    long tokens = Math.round(usd * 1_000_000 / 3.0);
    harness.pipe(
        TokenUsages.aRequest()
            .engineer("eng-1")
            .unresolved()
            .tokens(tokens, 0, 0, 0)
            .at(at)
            .build(),
        at);
    harness.advanceWallClockBy(SpendPartials.FLUSH);
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

  private double lateForBurn() {
    return harness.driver().metrics().entrySet().stream()
        .filter(
            e ->
                e.getKey().group().equals("stream-tokenlens-metrics")
                    && e.getKey().name().equals(AlertProcessor.LATE_FOR_BURN + "-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }
}
