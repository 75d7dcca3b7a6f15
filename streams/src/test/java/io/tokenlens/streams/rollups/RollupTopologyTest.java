package io.tokenlens.streams.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.RollupDimension;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.streams.topology.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupTopologyTest {

  /** A window start; windows are one minute with 30 s grace in the harness. */
  private static final Instant W0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir);
    harness.pipe(ModelPrices.aPrice().build());
    harness.pipe(DirectoryEntries.anEngineer("eng-1", "payments").build());
    harness.pipe(DirectoryEntries.anEmailIdentity("eng-1").build());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldEmitTheTotalsPerDimensionAtEachCommitWithoutWaitingForTheWindowToClose() {
    usage(W0.plusSeconds(1), "s-1", 1000, 100);
    usage(W0.plusSeconds(20), "s-1", 2000, 200);
    usage(W0.plusSeconds(59), "s-2", 3000, 300);

    // the driver commits after each record: one version per key and commit
    Map<String, UsageRollup> byKey = harness.rollups.readKeyValuesToMap();
    assertThat(byKey)
        .containsOnlyKeys(
            "ENGINEER:eng-1@2026-03-02T09:00:00Z",
            "TEAM:payments@2026-03-02T09:00:00Z",
            "MODEL:claude-sonnet-4-5@2026-03-02T09:00:00Z",
            "TOOL:claude-code@2026-03-02T09:00:00Z",
            "REPOSITORY:acme/repo-01@2026-03-02T09:00:00Z");
    UsageRollup engineer = byKey.get("ENGINEER:eng-1@2026-03-02T09:00:00Z");
    assertThat(engineer.getDimension()).isEqualTo(RollupDimension.ENGINEER);
    assertThat(engineer.getDimensionValue()).isEqualTo("eng-1");
    assertThat(engineer.getWindowStart()).isEqualTo(W0);
    assertThat(engineer.getWindowEnd()).isEqualTo(W0.plusSeconds(60));
    assertThat(engineer.getVersion()).isEqualTo(3);
    assertThat(engineer.getRequests()).isEqualTo(3);
    assertThat(engineer.getSessions()).isEqualTo(2);
    assertThat(engineer.getInputTokens()).isEqualTo(6000);
    assertThat(engineer.getOutputTokens()).isEqualTo(600);
    assertThat(engineer.getCostUsd())
        .isCloseTo((6000 * 3.0 + 600 * 15.0) / 1_000_000, within(1e-12));

    harness.advanceWallClockBy(Duration.ofMinutes(1));
    usage(W0.plusSeconds(200), "s-4", 1, 1);
    List<UsageRollup> next = harness.rollups.readValuesToList();
    assertThat(next).extracting(UsageRollup::getWindowStart).containsOnly(W0.plusSeconds(180));
    assertThat(next).hasSize(5);
  }

  @Test
  void shouldChangelogNoPartialSumAsEachIsForwardedAtTheCommitThatMadeIt() {
    usage(W0.plusSeconds(1), "s-1", 1000, 100);
    usage(W0.plusSeconds(90), "s-2", 1000, 100);

    Set<String> changelogs =
        harness.driver().producedTopicNames().stream()
            .filter(t -> t.endsWith("-changelog"))
            .collect(Collectors.toSet());
    assertThat(changelogs)
        .anyMatch(t -> t.endsWith(RollupPartials.SESSIONS + "-changelog"))
        .anyMatch(t -> t.endsWith(RollupMerge.TOTALS + "-changelog"))
        .noneMatch(t -> t.endsWith(RollupPartials.PARTIALS + "-changelog"));
  }

  @Test
  void shouldCountErrorsAndSkipDimensionsAnEventHasNoValueFor() {
    harness.pipe(
        TokenUsages.aFailedRequest(2)
            .email("stranger@else.org")
            .with(b -> b.setRepository(null))
            .at(W0.plusSeconds(5))
            .build(),
        W0.plusSeconds(5));

    Map<String, UsageRollup> byKey = harness.rollups.readKeyValuesToMap();
    assertThat(byKey)
        .containsOnlyKeys(
            "MODEL:claude-sonnet-4-5@2026-03-02T09:00:00Z",
            "TOOL:claude-code@2026-03-02T09:00:00Z");
    assertThat(byKey.values())
        .allSatisfy(
            r -> {
              assertThat(r.getRequests()).isEqualTo(1);
              assertThat(r.getErrors()).isEqualTo(1);
            });
  }

  @Test
  void shouldCountALateRecordInsideGraceInItsWindow() {
    usage(W0.plusSeconds(10), "s-1", 1000, 0);
    usage(
        W0.plusSeconds(60 + 20),
        "s-1",
        5,
        0); // next window, stream time past the first window's end
    usage(W0.plusSeconds(30), "s-2", 500, 0); // late, but within grace
    usage(W0.plusSeconds(200), "s-1", 1, 0);

    Map<String, UsageRollup> byKey = harness.rollups.readKeyValuesToMap();
    UsageRollup first = byKey.get("ENGINEER:eng-1@2026-03-02T09:00:00Z");
    assertThat(first.getRequests()).isEqualTo(2);
    assertThat(first.getInputTokens()).isEqualTo(1500);
    assertThat(harness.late.isEmpty()).isTrue();
  }

  @Test
  void shouldRouteARecordPastGraceToLateRecordsAndNotCountIt() {
    usage(W0.plusSeconds(10), "s-1", 1000, 0);
    usage(W0.plusSeconds(60 + 30), "s-1", 5, 0); // closes the first window
    TokenUsage late = usage(W0.plusSeconds(40), "s-2", 700, 0); // past grace

    List<UsageRollup> closed = harness.rollups.readValuesToList();
    assertThat(closed)
        .filteredOn(
            r -> r.getDimension() == RollupDimension.ENGINEER && r.getWindowStart().equals(W0))
        .last()
        .satisfies(r -> assertThat(r.getInputTokens()).isEqualTo(1000));

    LateRecord record =
        harness.late.readKeyValuesToList().stream()
            .map(
                kv -> {
                  assertThat(kv.key).isEqualTo("s-2");
                  return kv.value;
                })
            .collect(Collectors.toList())
            .get(0);
    assertThat(harness.late.isEmpty())
        .isTrue(); // one late record per request, not one per rollup key
    assertThat(record.getEventId()).isEqualTo(late.getEventId());
    assertThat(record.getEventTime()).isEqualTo(W0.plusSeconds(40));
    assertThat(record.getStreamTime()).isEqualTo(W0.plusSeconds(90));
    assertThat(record.getOperator()).isEqualTo(RollupPartials.PARTIALS);
    assertThat(record.getSourceTopic()).endsWith("token-usage");
    assertThat(record.getPayload().remaining()).isGreaterThan(5);
    assertThat(record.getPayload().get(0)).isEqualTo((byte) 0); // Confluent wire format
    assertThat(lateCount()).isEqualTo(1.0);

    usage(W0.plusSeconds(300), "s-1", 1, 0);
    assertThat(harness.rollups.readValuesToList())
        .filteredOn(r -> r.getWindowStart().equals(W0))
        .isEmpty(); // never re-emitted
  }

  @Test
  void shouldCountASessionOncePerWindowAndAgainInTheNextWindow() {
    usage(W0.plusSeconds(1), "s-1", 1, 0);
    usage(W0.plusSeconds(2), "s-1", 1, 0);
    usage(W0.plusSeconds(3), "s-2", 1, 0);
    usage(W0.plusSeconds(61), "s-1", 1, 0);
    usage(W0.plusSeconds(62), "s-1", 1, 0);
    usage(W0.plusSeconds(300), "s-3", 1, 0);

    Map<String, UsageRollup> byKey = harness.rollups.readKeyValuesToMap();
    assertThat(byKey.get("ENGINEER:eng-1@2026-03-02T09:00:00Z").getSessions()).isEqualTo(2);
    assertThat(byKey.get("ENGINEER:eng-1@2026-03-02T09:01:00Z").getSessions()).isEqualTo(1);
    assertThat(byKey.get("MODEL:claude-sonnet-4-5@2026-03-02T09:01:00Z").getRequests())
        .isEqualTo(2);
  }

  @Test
  void shouldJudgeLatenessByTheRequestsNotByAgentActivityFetchedAhead() {
    usage(W0.plusSeconds(10), "s-1", 1000, 0);
    harness.pipe(AgentActivities.aToolResult().session("s-9").at(W0.plusSeconds(600)).build());
    usage(
        W0.plusSeconds(20),
        "s-2",
        500,
        0); // the task's stream time is 10 minutes on; the requests' is not
    usage(W0.plusSeconds(200), "s-1", 1, 0);

    assertThat(harness.late.isEmpty()).isTrue();
    UsageRollup first =
        harness.rollups.readKeyValuesToMap().get("ENGINEER:eng-1@2026-03-02T09:00:00Z");
    assertThat(first.getRequests()).isEqualTo(2);
    assertThat(first.getInputTokens()).isEqualTo(1500);
  }

  @Test
  void shouldCountASessionOnceAcrossThePartialSumsOfSeveralCommits() {
    usage(W0.plusSeconds(10), "s-1", 1000, 0);
    UsageRollup first =
        harness.rollups.readKeyValuesToMap().get("ENGINEER:eng-1@2026-03-02T09:00:00Z");
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(first.getInputTokens()).isEqualTo(1000);

    usage(W0.plusSeconds(20), "s-1", 500, 0);
    usage(W0.plusSeconds(30), "s-2", 1, 0);

    UsageRollup third =
        harness.rollups.readKeyValuesToMap().get("ENGINEER:eng-1@2026-03-02T09:00:00Z");
    assertThat(third.getVersion()).isEqualTo(3);
    assertThat(third.getRequests()).isEqualTo(3);
    assertThat(third.getInputTokens()).isEqualTo(1501);
    assertThat(third.getSessions()).isEqualTo(2); // s-1 counted once across its partial sums
    harness.advanceWallClockBy(Duration.ofSeconds(11));
    assertThat(harness.rollups.isEmpty()).isTrue(); // nothing left to forward
  }

  private TokenUsage usage(Instant at, String session, long input, long output) {
    TokenUsage usage =
        TokenUsages.aRequest()
            .engineer("eng-1")
            .unresolved()
            .session(session)
            .repository("acme/repo-01")
            .tokens(input, 0, 0, output)
            .at(at)
            .build();
    harness.pipe(usage, at);
    return usage;
  }

  private double lateCount() {
    return harness.driver().metrics().entrySet().stream()
        .filter(
            e ->
                e.getKey().group().equals("stream-tokenlens-metrics")
                    && e.getKey().name().equals("late-record-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }
}
