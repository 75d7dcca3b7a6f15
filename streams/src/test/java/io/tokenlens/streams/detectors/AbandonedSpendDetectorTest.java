package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PrState;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbandonedSpendDetectorTest extends DetectorTestBase {

  private static final Instant CLOSED = Instant.parse("2026-03-02T15:00:00Z");
  private static final Instant FIRST_USAGE = Instant.parse("2026-03-02T10:00:00Z");

  /**
   * The default settle time: a closed pull request is decided once its final attribution is this
   * old.
   */
  private static final Duration SETTLE = Duration.ofMinutes(1);

  private static PrAttribution.Builder closedUnmerged() {
    return OutputRecords.aMergedPrAttribution()
        .setState(PrState.CLOSED)
        .setMerged(false)
        .setMergedAt(null)
        .setClosedAt(CLOSED)
        .setFirstUsageAt(FIRST_USAGE);
  }

  @Test
  void shouldFlagTheSpendOfAPullRequestClosedWithoutMergeOnceItsAttributionSettled() {
    harness.pipe(closedUnmerged().build(), CLOSED);
    wallClockPasses(SETTLE.minusSeconds(20));
    assertThat(harness.findings()).isEmpty();

    wallClockPasses(Duration.ofSeconds(30));
    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.ABANDONED_SPEND);
    assertThat(f.getFindingId())
        .isEqualTo("ABANDONED_SPEND:" + Fixtures.REPOSITORY + "#42@" + FIRST_USAGE.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getPullRequestNumber()).isEqualTo(42L);
    assertThat(f.getService()).isEqualTo(Fixtures.SERVICE);
    assertThat(f.getWindowStart()).isEqualTo(FIRST_USAGE);
    assertThat(f.getWindowEnd()).isEqualTo(CLOSED);
    assertThat(f.getTokens()).isEqualTo(120_000L + 1_700_000L + 34_000L);
    assertThat(f.getEstimatedWastedCostUsd()).isEqualTo(1.37);
    assertThat(f.getEvidence())
        .containsKeys("requests", "sessions", "engineers", "costUsd")
        .doesNotContainKey("version");
  }

  @Test
  void shouldStaySilentForMergedOpenOrUnspentPullRequests() {
    harness.pipe(OutputRecords.aMergedPrAttribution().build(), CLOSED);
    harness.pipe(
        closedUnmerged().setFinalized(false).setState(PrState.OPEN).setClosedAt(null).build(),
        CLOSED);
    harness.pipe(
        closedUnmerged()
            .setNumber(43L)
            .setInputTokens(0)
            .setCacheReadTokens(0)
            .setOutputTokens(0)
            .setCacheWriteTokens(0)
            .setCostUsd(0)
            .build(),
        CLOSED);
    wallClockPasses(SETTLE.multipliedBy(3));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldReportTheLatestFinalVersionWhenSpendIsAttributedAfterTheClose() {
    PrAttribution unspent =
        closedUnmerged()
            .setVersion(2)
            .setInputTokens(0)
            .setCacheReadTokens(0)
            .setCacheWriteTokens(0)
            .setOutputTokens(0)
            .setCostUsd(0)
            .setFirstUsageAt(null)
            .build();
    harness.pipe(unspent, CLOSED);
    wallClockPasses(SETTLE.minusSeconds(20));
    harness.pipe(
        closedUnmerged().setVersion(3).build(), FIRST_USAGE); // a request processed after the close
    wallClockPasses(SETTLE.minusSeconds(20));
    harness.pipe(unspent, CLOSED); // an older version redelivered changes nothing
    assertThat(harness.findings()).isEmpty();

    wallClockPasses(SETTLE);
    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(FIRST_USAGE);
    assertThat(findings.get(0).getEstimatedWastedCostUsd()).isEqualTo(1.37);
  }

  @Test
  void shouldFlagAPullRequestOnceWhenItsFinalVersionIsDeliveredAgain() {
    harness.pipe(closedUnmerged().build(), CLOSED);
    wallClockPasses(SETTLE.multipliedBy(2));
    harness.pipe(closedUnmerged().setVersion(9).build(), CLOSED.plusSeconds(5));
    wallClockPasses(SETTLE.multipliedBy(2));

    assertThat(harness.findings()).hasSize(1);
  }

  @Test
  void shouldReportSpendAttributedLongAfterTheDecisionAsANewFindingOrTheNextVersion() {
    PrAttribution unspent =
        closedUnmerged()
            .setVersion(2)
            .setInputTokens(0)
            .setCacheReadTokens(0)
            .setCacheWriteTokens(0)
            .setOutputTokens(0)
            .setCostUsd(0)
            .setFirstUsageAt(null)
            .build();
    harness.pipe(unspent, CLOSED);
    wallClockPasses(SETTLE.multipliedBy(2)); // decided: nothing spent, dropped
    assertThat(harness.findings()).isEmpty();

    // the branch's requests lagged the close by more than the settle time (a late batch, a replay)
    harness.pipe(closedUnmerged().setVersion(3).build(), FIRST_USAGE);
    wallClockPasses(SETTLE.multipliedBy(2));
    List<WasteFinding> first = harness.findings();
    assertThat(first).hasSize(1);
    assertThat(first.get(0).getVersion()).isEqualTo(1);

    harness.pipe(
        closedUnmerged()
            .setVersion(4)
            .setOutputTokens(68_000)
            .setCostUsd(2.0)
            .setFirstUsageAt(FIRST_USAGE.minusSeconds(600))
            .build(),
        FIRST_USAGE);
    wallClockPasses(SETTLE.multipliedBy(2));
    List<WasteFinding> refined = harness.findings();
    assertThat(refined).hasSize(1);
    assertThat(refined.get(0).getFindingId()).isEqualTo(first.get(0).getFindingId());
    assertThat(refined.get(0).getVersion()).isEqualTo(2);
    assertThat(refined.get(0).getTokens()).isEqualTo(120_000L + 1_700_000L + 68_000L);
    assertThat(refined.get(0).getEstimatedWastedCostUsd()).isEqualTo(2.0);
    assertThat(refined.get(0).getWindowStart()).isEqualTo(FIRST_USAGE.minusSeconds(600));
  }

  @Test
  void shouldFlagEachAbandonedPullRequestWhateverOrderTheyArriveIn() {
    harness.pipe(closedUnmerged().setNumber(44L).build(), CLOSED.plusSeconds(60));
    harness.pipe(closedUnmerged().setNumber(43L).build(), CLOSED);
    wallClockPasses(SETTLE.multipliedBy(2));

    assertThat(harness.findings())
        .extracting(WasteFinding::getPullRequestNumber)
        .containsExactlyInAnyOrder(44L, 43L);
  }
}
