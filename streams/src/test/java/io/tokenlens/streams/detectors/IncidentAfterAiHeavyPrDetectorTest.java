package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.Incidents;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentAfterAiHeavyPrDetectorTest extends DetectorTestBase {

  private static final Instant MERGED = Instant.parse("2026-03-02T12:00:00Z");

  /**
   * The default settle time: a link is decided once it and its pull request's cost are this old.
   */
  private static final Duration SETTLE = Duration.ofMinutes(1);

  /**
   * The findings of this detector: the merges piped here carry no approval, so the quality gate
   * flags the costliest of them too.
   */
  private List<WasteFinding> findings() {
    return harness.findings().stream()
        .filter(f -> f.getPattern() == WastePattern.INCIDENT_AFTER_AI_HEAVY_PR)
        .toList();
  }

  private List<WasteFinding> settledFindings() {
    wallClockPasses(SETTLE.plusSeconds(15));
    return findings();
  }

  /** {@code count} merged pull requests #1..#count costing 1..count USD. */
  private void mergedPrs(int count) {
    for (int n = 1; n <= count; n++) {
      harness.pipe(
          OutputRecords.aMergedPrAttribution()
              .setNumber(n)
              .setCostUsd(n)
              .setMergedAt(MERGED)
              .build(),
          MERGED);
    }
  }

  private static IncidentLink link(long number, double cost, Duration afterMerge) {
    return OutputRecords.anExplicitIncidentLink()
        .setIncidentId("PINC" + number)
        .setNumber(number)
        .setMergedAt(MERGED)
        .setIncidentTriggeredAt(MERGED.plus(afterMerge))
        .setPrCostUsd(cost)
        .build();
  }

  @Test
  void shouldFlagAnIncidentAfterAPullRequestInTheTopDecile() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(10)));
    assertThat(findings()).isEmpty(); // decided once settled

    List<WasteFinding> findings = settledFindings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.INCIDENT_AFTER_AI_HEAVY_PR);
    assertThat(f.getFindingId())
        .isEqualTo(
            "INCIDENT_AFTER_AI_HEAVY_PR:PAGERDUTY:PINC20:"
                + Fixtures.REPOSITORY
                + "#20@"
                + MERGED.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getPullRequestNumber()).isEqualTo(20L);
    assertThat(f.getService()).isEqualTo(Fixtures.SERVICE);
    assertThat(f.getWindowStart()).isEqualTo(MERGED);
    assertThat(f.getWindowEnd()).isEqualTo(MERGED.plus(Duration.ofHours(10)));
    assertThat(f.getEstimatedWastedCostUsd()).isEqualTo(20.0);
    assertThat(f.getEvidence())
        .containsEntry("hoursSinceMerge", 10.0)
        .containsEntry("mergedPullRequests", 20.0);
    assertThat(f.getEvidence().get("topDecileFromUsd")).isBetween(17.5, 18.5);
  }

  @Test
  void shouldStaySilentForAPullRequestJustBelowTheTopDecile() {
    mergedPrs(20);
    harness.pipe(link(17, 17, Duration.ofHours(10)));

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldFlagAPullRequestWhoseCostReachesTheTopDecileLongAfterItsLinkWasFirstDecided() {
    mergedPrs(20);
    harness.pipe(
        OutputRecords.aMergedPrAttribution()
            .setNumber(21)
            .setCostUsd(0.5)
            .setMergedAt(MERGED)
            .build(),
        MERGED);
    harness.pipe(link(21, 0.5, Duration.ofHours(10)));
    assertThat(settledFindings())
        .isEmpty(); // cheap so far: its branch's requests have not been processed

    // the requests of its branch are processed minutes after the merge: a later final version
    harness.pipe(
        OutputRecords.aMergedPrAttribution()
            .setNumber(21)
            .setVersion(9)
            .setCostUsd(40)
            .setMergedAt(MERGED)
            .build(),
        MERGED.plusSeconds(1));
    wallClockPasses(SETTLE.dividedBy(2));
    assertThat(findings()).isEmpty(); // its cost has not settled yet

    List<WasteFinding> findings = settledFindings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getPullRequestNumber()).isEqualTo(21L);
    assertThat(findings.get(0).getEstimatedWastedCostUsd()).isEqualTo(40.0);
    assertThat(settledFindings()).isEmpty(); // once
  }

  @Test
  void shouldStaySilentForAnIncidentMoreThanSeventyTwoHoursAfterTheMerge() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(72).plusSeconds(1)));

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldStaySilentUntilEnoughPullRequestsWereMerged() {
    mergedPrs(19);
    harness.pipe(link(19, 19, Duration.ofHours(1)));

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldDecideAnEarlyLinkOnceEnoughPullRequestsWereMerged() {
    mergedPrs(19);
    harness.pipe(link(19, 190, Duration.ofHours(1)));
    assertThat(settledFindings()).isEmpty();

    harness.pipe(
        OutputRecords.aMergedPrAttribution()
            .setNumber(100)
            .setCostUsd(1)
            .setMergedAt(MERGED)
            .build(),
        MERGED);
    assertThat(settledFindings())
        .extracting(WasteFinding::getPullRequestNumber)
        .containsExactly(19L);
  }

  @Test
  void shouldRankAPullRequestByItsCostAttributedAfterTheMerge() {
    mergedPrs(20);
    // the link was made while #7 cost 7 USD; requests of its branch processed after the merge raise
    // it to 50
    harness.pipe(link(7, 7, Duration.ofHours(10)));
    harness.pipe(
        OutputRecords.aMergedPrAttribution()
            .setNumber(7)
            .setVersion(9)
            .setCostUsd(50)
            .setMergedAt(MERGED)
            .build(),
        MERGED);

    List<WasteFinding> findings = settledFindings();
    assertThat(findings).extracting(WasteFinding::getPullRequestNumber).containsExactly(7L);
    assertThat(findings.get(0).getEstimatedWastedCostUsd()).isEqualTo(50.0);
    assertThat(findings.get(0).getEvidence()).containsEntry("mergedPullRequests", 20.0);
  }

  @Test
  void shouldCarryThePullRequestsAttributedTokensNotTheLinksEarlyZero() {
    mergedPrs(20);
    // the link was made before #21's requests were attributed: $0.00 and no tokens
    harness.pipe(
        OutputRecords.anExplicitIncidentLink()
            .setIncidentId("PINC21")
            .setNumber(21)
            .setMergedAt(MERGED)
            .setIncidentTriggeredAt(MERGED.plus(Duration.ofHours(3)))
            .setPrCostUsd(0)
            .setPrTokens(0)
            .build());
    harness.pipe(
        OutputRecords.aMergedPrAttribution()
            .setNumber(21)
            .setVersion(9)
            .setCostUsd(60)
            .setInputTokens(400_000L)
            .setCacheReadTokens(2_000_000L)
            .setCacheWriteTokens(100_000L)
            .setOutputTokens(50_000L)
            .setMergedAt(MERGED)
            .build(),
        MERGED.plusSeconds(1));

    List<WasteFinding> findings = settledFindings();
    assertThat(findings).extracting(WasteFinding::getPullRequestNumber).containsExactly(21L);
    assertThat(findings.get(0).getTokens()).isEqualTo(2_550_000L);
    assertThat(findings.get(0).getEstimatedWastedCostUsd()).isEqualTo(60.0);
  }

  @Test
  void shouldFlagAnIncidentOnceWhenItsLinkIsDeliveredAgain() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(10)));
    harness.pipe(link(20, 20, Duration.ofHours(10)));

    assertThat(settledFindings()).hasSize(1);
  }

  @Test
  void shouldFlagEachIncidentWhateverOrderTheLinksArriveIn() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(30)));
    harness.pipe(link(19, 19, Duration.ofHours(5)));

    assertThat(settledFindings())
        .extracting(WasteFinding::getPullRequestNumber)
        .containsExactlyInAnyOrder(20L, 19L);
  }

  @Test
  void shouldFlagAnIncidentProcessedBeforeTheMergesThatPrecedeIt() {
    // as in a replay: the incident (PagerDuty, no change references) reaches the join before the
    // final
    // attributions of the pull requests merged into its service ten hours earlier (#5, #19, #20);
    // the others were
    // merged days before, outside the link window, and only count for the ranking
    harness.topology.pipe(
        Incidents.aTriggeredIncident()
            .service(Fixtures.SERVICE)
            .triggeredAt(MERGED.plus(Duration.ofHours(10)))
            .build());
    for (int n = 1; n <= 20; n++) {
      Instant mergedAt = n == 5 || n >= 19 ? MERGED : MERGED.minus(Duration.ofDays(5));
      harness.pipe(
          OutputRecords.aMergedPrAttribution()
              .setNumber(n)
              .setCostUsd(n)
              .setMergedAt(mergedAt)
              .build(),
          mergedAt);
    }

    assertThat(harness.topology.incidentLinks.readValuesToList())
        .extracting(IncidentLink::getNumber)
        .containsExactlyInAnyOrder(5L, 19L, 20L);
    List<WasteFinding> findings = settledFindings();
    assertThat(findings)
        .extracting(WasteFinding::getPullRequestNumber)
        .containsExactlyInAnyOrder(19L, 20L);
    assertThat(findings)
        .extracting(WasteFinding::getFindingId)
        .contains(
            "INCIDENT_AFTER_AI_HEAVY_PR:PAGERDUTY:PINC42:"
                + Fixtures.REPOSITORY
                + "#20@"
                + MERGED.toEpochMilli());
  }
}
