package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.fixtures.PullRequestReviews;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class UnapprovedAiHeavyMergeDetectorTest extends DetectorTestBase {

  private static final Instant MERGED = Instant.parse("2026-03-02T12:00:00Z");

  /**
   * The default settle time: a merge is decided once its attribution has not changed for this long.
   */
  private static final Duration SETTLE = Duration.ofMinutes(1);

  private static final String OTHER_REPOSITORY = "acme/other";

  private List<WasteFinding> settledFindings() {
    wallClockPasses(SETTLE.plusSeconds(15));
    return harness.findings();
  }

  /**
   * {@code count} merged pull requests #1..#count of {@code repository} costing 1..count USD, each
   * approved.
   */
  private void approvedMerges(String repository, int count) {
    for (int n = 1; n <= count; n++) {
      harness.topology.pipe(
          PullRequestReviews.anApproval()
              .pullRequest(repository, n)
              .at(MERGED.minus(Duration.ofHours(1)))
              .build());
      harness.pipe(merge(repository, n, n).build(), MERGED);
    }
  }

  private static PrAttribution.Builder merge(String repository, long number, double cost) {
    return OutputRecords.aMergedPrAttribution()
        .setRepository(repository)
        .setNumber(number)
        .setCostUsd(cost)
        .setFirstUsageAt(MERGED.minus(Duration.ofHours(5)))
        .setMergedAt(MERGED);
  }

  @Test
  void shouldFlagAnExpensiveMergeWithoutAnApprovingReview() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    harness.topology.pipe(
        PullRequestReviews.aChangeRequest()
            .pullRequest(Fixtures.REPOSITORY, 21)
            .at(MERGED.minus(Duration.ofHours(2)))
            .build());
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED);
    assertThat(harness.findings()).isEmpty(); // decided once settled

    List<WasteFinding> findings = settledFindings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.UNAPPROVED_AI_HEAVY_MERGE);
    assertThat(f.getFindingId())
        .isEqualTo(
            "UNAPPROVED_AI_HEAVY_MERGE:" + Fixtures.REPOSITORY + "#21@" + MERGED.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getRepository()).isEqualTo(Fixtures.REPOSITORY);
    assertThat(f.getPullRequestNumber()).isEqualTo(21L);
    assertThat(f.getService()).isEqualTo(Fixtures.SERVICE);
    assertThat(f.getWindowStart()).isEqualTo(MERGED.minus(Duration.ofHours(5)));
    assertThat(f.getWindowEnd()).isEqualTo(MERGED);
    assertThat(f.getTokens()).isEqualTo(120_000L + 1_700_000L + 34_000L);
    assertThat(f.getEstimatedWastedCostUsd()).isEqualTo(80.0);
    assertThat(f.getEvidence())
        .containsEntry("mergedPullRequests", 21.0)
        .containsEntry("cheaperPullRequests", 20.0)
        .containsEntry("approvals", 0.0);
  }

  @Test
  void shouldStaySilentForAnExpensiveMergeApprovedBeforeIt() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    harness.topology.pipe(
        PullRequestReviews.anApproval()
            .pullRequest(Fixtures.REPOSITORY, 21)
            .at(MERGED.minusSeconds(60))
            .build());
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED);

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldCountAnApprovalDeliveredAfterTheMergeButSubmittedBeforeIt() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED);
    harness.topology.pipe(
        PullRequestReviews.anApproval()
            .pullRequest(Fixtures.REPOSITORY, 21)
            .at(MERGED.minusSeconds(60))
            .build());

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldFlagAMergeWhoseOnlyApprovalCameAfterItOrWasDismissed() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    harness.topology.pipe(
        PullRequestReviews.anApproval()
            .pullRequest(Fixtures.REPOSITORY, 21)
            .with(r -> r.setReviewId("r-dismissed"))
            .at(MERGED.minus(Duration.ofHours(1)))
            .build());
    harness.topology.pipe(
        PullRequestReviews.anApproval()
            .pullRequest(Fixtures.REPOSITORY, 21)
            .with(r -> r.setReviewId("r-dismissed"))
            .state(ReviewState.DISMISSED)
            .at(MERGED.minusSeconds(600))
            .build());
    harness.topology.pipe(
        PullRequestReviews.anApproval()
            .pullRequest(Fixtures.REPOSITORY, 21)
            .at(MERGED.plusSeconds(600))
            .build());
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED);

    assertThat(settledFindings())
        .extracting(WasteFinding::getPullRequestNumber)
        .containsExactly(21L);
  }

  @Test
  void shouldStaySilentForACheapMergeWithoutApproval() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 2).build(), MERGED);

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldStaySilentForMergesTiedAtTheTopOfTheirRepository() {
    for (int n = 1; n <= 25; n++) {
      harness.pipe(
          merge(OTHER_REPOSITORY, n, 0.5).build(),
          MERGED); // none approved, none costs more than another
    }

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhileTheRepositoryHasTooFewMergedPrs() {
    approvedMerges(Fixtures.REPOSITORY, 18);
    for (int n = 1; n <= 20; n++) {
      harness.pipe(
          merge(OTHER_REPOSITORY, n, 0.5).build(),
          MERGED); // another repository's merges do not count
    }
    harness.pipe(merge(Fixtures.REPOSITORY, 19, 80).build(), MERGED);

    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldRankAMergeAgainstItsOwnRepositoryOnly() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    for (int n = 1; n <= 20; n++) {
      harness.pipe(
          merge(OTHER_REPOSITORY, n, 1000 + n).build(), MERGED); // pricier, approved or not
    }
    wallClockPasses(SETTLE.plusSeconds(15));
    harness.findings(); // the other repository's own top decile
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED);

    assertThat(settledFindings())
        .extracting(WasteFinding::getRepository)
        .containsExactly(Fixtures.REPOSITORY);
  }

  @Test
  void shouldFlagAMergeOnceWhenItsEventIsRepeated() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED);
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED); // redelivered
    assertThat(settledFindings()).hasSize(1);

    // the merge event again after the decision: the job emits a fresh final attribution (nothing
    // attributed)
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 0).setVersion(1).build(), MERGED.plusSeconds(5));
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 80).build(), MERGED.plusSeconds(5));
    assertThat(settledFindings()).isEmpty();
  }

  @Test
  void shouldForgetTheApprovalsOfADecidedMergeAndKeepNoneAfterIt() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    settledFindings();
    harness.topology.pipe(
        PullRequestReviews.anApproval()
            .pullRequest(Fixtures.REPOSITORY, 7)
            .at(MERGED.plus(Duration.ofHours(1)))
            .build()); // after the merge was decided
    harness.topology.pipe(
        PullRequestReviews.anApproval()
            .pullRequest(Fixtures.REPOSITORY, 99)
            .at(MERGED.plus(Duration.ofHours(1)))
            .build()); // an open pull request

    List<String> kept = new ArrayList<>();
    KeyValueStore<String, Long> approvals =
        harness.topology.driver().getKeyValueStore(MergeGateStores.APPROVALS);
    try (KeyValueIterator<String, Long> all = approvals.all()) {
      all.forEachRemaining(kv -> kept.add(kv.key.substring(0, kv.key.indexOf('|'))));
    }
    assertThat(kept).containsExactly(Fixtures.REPOSITORY + "#99");
  }

  @Test
  void shouldDecideOnTheCostAttributedAfterTheMergeOnceSettled() {
    approvedMerges(Fixtures.REPOSITORY, 20);
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 3).build(), MERGED);
    wallClockPasses(SETTLE.dividedBy(2));
    // requests of its branch processed after the merge: a later final version
    harness.pipe(merge(Fixtures.REPOSITORY, 21, 90).setVersion(9).build(), MERGED.plusSeconds(1));
    wallClockPasses(SETTLE.dividedBy(2).plusSeconds(5));
    assertThat(harness.findings()).isEmpty(); // changed less than the settle time ago

    List<WasteFinding> findings = settledFindings();
    assertThat(findings).extracting(WasteFinding::getEstimatedWastedCostUsd).containsExactly(90.0);
    assertThat(findings.get(0).getEvidence()).containsEntry("mergedPullRequests", 21.0);
  }
}
