package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.testkit.fixtures.Fixtures;
import io.tokenlens.testkit.fixtures.OutputRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentAfterAiHeavyPrDetectorTest extends DetectorTestBase {

  private static final Instant MERGED = Instant.parse("2026-03-02T12:00:00Z");

  /** {@code count} merged pull requests #1..#count costing 1..count USD. */
  private void mergedPrs(int count) {
    for (int n = 1; n <= count; n++) {
      harness.pipe(OutputRecords.aMergedPrAttribution().setNumber(n).setCostUsd(n).setMergedAt(MERGED).build(),
          MERGED);
    }
  }

  private static IncidentLink link(long number, double cost, Duration afterMerge) {
    return OutputRecords.anExplicitIncidentLink().setIncidentId("PINC" + number).setNumber(number)
        .setMergedAt(MERGED).setIncidentTriggeredAt(MERGED.plus(afterMerge)).setPrCostUsd(cost).build();
  }

  @Test
  void shouldFlagAnIncidentAfterAPullRequestInTheTopDecile() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(10)));

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.INCIDENT_AFTER_AI_HEAVY_PR);
    assertThat(f.getFindingId()).isEqualTo("INCIDENT_AFTER_AI_HEAVY_PR:PAGERDUTY:PINC20:" + Fixtures.REPOSITORY
        + "#20@" + MERGED.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getPullRequestNumber()).isEqualTo(20L);
    assertThat(f.getService()).isEqualTo(Fixtures.SERVICE);
    assertThat(f.getWindowStart()).isEqualTo(MERGED);
    assertThat(f.getWindowEnd()).isEqualTo(MERGED.plus(Duration.ofHours(10)));
    assertThat(f.getEstimatedWastedCostUsd()).isEqualTo(20.0);
    assertThat(f.getEvidence()).containsEntry("hoursSinceMerge", 10.0).containsEntry("mergedPullRequests", 20.0);
    assertThat(f.getEvidence().get("topDecileFromUsd")).isBetween(17.5, 18.5);
  }

  @Test
  void shouldStaySilentForAPullRequestJustBelowTheTopDecile() {
    mergedPrs(20);
    harness.pipe(link(17, 17, Duration.ofHours(10)));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentForAnIncidentMoreThanSeventyTwoHoursAfterTheMerge() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(72).plusSeconds(1)));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentUntilEnoughPullRequestsWereMerged() {
    mergedPrs(19);
    harness.pipe(link(19, 19, Duration.ofHours(1)));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldFlagAnIncidentOnceWhenItsLinkIsDeliveredAgain() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(10)));
    harness.pipe(link(20, 20, Duration.ofHours(10)));

    assertThat(harness.findings()).hasSize(1);
  }

  @Test
  void shouldFlagEachIncidentWhateverOrderTheLinksArriveIn() {
    mergedPrs(20);
    harness.pipe(link(20, 20, Duration.ofHours(30)));
    harness.pipe(link(19, 19, Duration.ofHours(5)));

    assertThat(harness.findings()).extracting(WasteFinding::getPullRequestNumber).containsExactly(20L, 19L);
  }
}
