package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.topology.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OvernightPaddingDetectorTest extends DetectorTestBase {

  /**
   * Monday 17:00 UTC: the end of the engineer's working day (09:00-17:00 UTC, Monday to Friday).
   */
  private static final Instant EVENING = Instant.parse("2026-03-02T17:00:00Z");

  private static final Instant NIGHT = Instant.parse("2026-03-02T23:00:00Z");

  @BeforeEach
  void workingHours() {
    harness.topology.pipe(
        DirectoryEntries.anEngineer(Fixtures.ENGINEER, Fixtures.TEAM)
            .timezone("UTC")
            .workingHours(9, 17)
            .workdays(1, 2, 3, 4, 5)
            .build());
  }

  private void request(Instant at, long tokens) {
    harness.pipe(TokenUsages.aRequest().session(SESSION).tokens(tokens, 0, 0, 0).at(at));
  }

  /** {@code count} requests of 10,000 tokens, one every 10 minutes from {@code from}. */
  private void night(Instant from, int count) {
    for (int i = 0; i < count; i++) {
      request(from.plus(Duration.ofMinutes(10L * i)), 10_000);
    }
  }

  /**
   * A working-hours request that moves stream time past {@code at}, then the default settle time
   * (one minute) of wall clock without further requests of the candidates.
   */
  private void laterRequest(Instant at) {
    harness.pipe(TokenUsages.aRequest().session("s-day").at(at));
    wallClockPasses(Duration.ofSeconds(75));
  }

  @Test
  void shouldFlagTwoHundredThousandUnattendedTokensAtNightWithoutPrActivity() {
    night(NIGHT, 20); // 23:00 to 02:10, 200,000 tokens
    laterRequest(Instant.parse("2026-03-03T14:12:00Z")); // past the last request + 12 h + grace

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.OVERNIGHT_PADDING);
    assertThat(f.getFindingId())
        .isEqualTo("OVERNIGHT_PADDING:" + Fixtures.ENGINEER + "@" + EVENING.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getWindowStart()).isEqualTo(NIGHT);
    assertThat(f.getWindowEnd()).isEqualTo(NIGHT.plus(Duration.ofMinutes(190)));
    assertThat(f.getTokens()).isEqualTo(200_000);
    assertThat(f.getEvidence())
        .containsEntry("requests", 20.0)
        .containsEntry("tokensOutsideHours", 200_000.0);
    assertThat(f.getEstimatedWastedCostUsd()).isPositive();
  }

  @Test
  void shouldWaitForTheLookAheadBeforeDeciding() {
    night(NIGHT, 20);
    laterRequest(Instant.parse("2026-03-03T14:00:00Z")); // 11 h 50 min after the last request

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentJustBelowTwoHundredThousandTokens() {
    night(NIGHT, 19);
    request(NIGHT.plus(Duration.ofMinutes(190)), 9_999);
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenTheSessionIsAttended() {
    for (int i = 0; i < 20; i++) {
      Instant at = NIGHT.plus(Duration.ofMinutes(10L * i));
      if (i % 2 == 0) {
        harness.prompt(
            SESSION, at.minusSeconds(60)); // a prompt 1 and 11 minutes before each request
      }
      request(at, 10_000);
    }
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenTheSessionsPromptsAreProcessedAfterItsRequests() {
    night(NIGHT, 20);
    for (int i = 0; i < 20; i += 2) {
      harness.prompt(
          SESSION, NIGHT.plus(Duration.ofMinutes(10L * i)).minusSeconds(60)); // a slower path
    }
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldCountOnlyTheUnattendedRequestsOfTheNight() {
    night(NIGHT, 20);
    harness.prompt(
        SESSION, NIGHT.minusSeconds(60)); // attends the first three requests (30 minutes)
    night(NIGHT.plus(Duration.ofHours(4)), 3);
    laterRequest(Instant.parse("2026-03-03T16:00:00Z"));

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getTokens()).isEqualTo(200_000);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(NIGHT.plus(Duration.ofMinutes(30)));
  }

  @Test
  void shouldWaitUntilTheCandidateSettledOnTheWallClock() {
    night(NIGHT, 20);
    harness.pipe(TokenUsages.aRequest().session("s-day").at(Instant.parse("2026-03-03T15:00:00Z")));
    harness.topology.advanceWallClockTo(TopologyHarness.START.plusSeconds(30));
    assertThat(harness.findings()).isEmpty();

    harness.topology.advanceWallClockTo(TopologyHarness.START.plusSeconds(75));
    assertThat(harness.findings()).hasSize(1);
  }

  @Test
  void shouldStaySilentWithinWorkingHours() {
    night(Instant.parse("2026-03-02T09:00:00Z"), 20);
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenAPullRequestNamesTheEngineerWithinTwelveHours() {
    night(NIGHT, 20);
    harness.pipe(
        OutputRecords.aMergedPrAttribution().build(), Instant.parse("2026-03-03T11:00:00Z"));
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldFlagANightOnABranchWhenOnlyAnotherBranchsPullRequestFollowed() {
    for (int i = 0; i < 20; i++) {
      harness.pipe(
          TokenUsages.aRequest()
              .session(SESSION)
              .repo(Fixtures.REPOSITORY, "spike/night")
              .tokens(10_000, 0, 0, 0)
              .at(NIGHT.plus(Duration.ofMinutes(10L * i))));
    }
    // the engineer's unrelated pull request (branch feature/x) the next morning does not excuse the
    // night
    harness.pipe(
        OutputRecords.aMergedPrAttribution().build(), Instant.parse("2026-03-03T11:00:00Z"));
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    assertThat(harness.findings()).hasSize(1);
  }

  @Test
  void shouldStaySilentWhenAPullRequestOnTheNightsBranchFollowed() {
    for (int i = 0; i < 20; i++) {
      harness.pipe(
          TokenUsages.aRequest()
              .session(SESSION)
              .repo(Fixtures.REPOSITORY, "feature/x")
              .tokens(10_000, 0, 0, 0)
              .at(NIGHT.plus(Duration.ofMinutes(10L * i))));
    }
    harness.pipe(
        OutputRecords.aMergedPrAttribution().build(), Instant.parse("2026-03-03T11:00:00Z"));
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldFlagEachNightOnce() {
    night(NIGHT, 30);
    night(NIGHT.plus(Duration.ofDays(1)), 25);
    laterRequest(Instant.parse("2026-03-05T15:00:00Z"));

    List<WasteFinding> findings = harness.findings();
    assertThat(findings)
        .extracting(WasteFinding::getTokens)
        .containsExactlyInAnyOrder(300_000L, 250_000L);
    assertThat(findings).extracting(WasteFinding::getFindingId).doesNotHaveDuplicates();
  }

  @Test
  void shouldFlagOnceWhenRequestsArriveOutOfOrderWithinGrace() {
    for (int i : new int[] {5, 0, 19, 3, 1, 2, 4, 18, 6, 7, 8, 9, 17, 10, 11, 12, 13, 14, 15, 16}) {
      request(NIGHT.plus(Duration.ofMinutes(10L * i)), 10_000);
    }
    laterRequest(Instant.parse("2026-03-03T15:00:00Z"));

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(NIGHT);
  }

  @Test
  void shouldDecideOnTheWallClockWhenStreamTimeStalls() {
    night(NIGHT, 20);
    assertThat(harness.findings()).isEmpty();

    harness.topology.driver().advanceWallClockTime(Duration.ofHours(30));

    assertThat(harness.findings()).hasSize(1);
  }
}
