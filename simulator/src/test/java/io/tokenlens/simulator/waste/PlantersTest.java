package io.tokenlens.simulator.waste;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each planter's occurrence satisfies its pattern's definition; each near-miss stays under the threshold. */
class PlantersTest {
  /** A Tuesday, noon UTC. */
  static final Instant DAY = Instant.parse("2026-12-01T12:00:00Z");
  static final Instant END = DAY.plus(Duration.ofDays(10));

  private final Organisation organisation = Organisation.generate(3, 3, 1);
  private final Engineer engineer = organisation.engineers().get(0);

  private Signals plant(WastePlanter planter, LabelKind kind) {
    SimulationContext ctx = new SimulationContext(organisation, 42, END);
    planter.plant(ctx, engineer, DAY, kind);
    assertThat(ctx.timeline().labels()).singleElement().satisfies(l -> {
      assertThat(l.pattern()).isEqualTo(planter.pattern());
      assertThat(l.kind()).isEqualTo(kind);
      assertThat(l.engineerId()).isEqualTo(engineer.id());
      assertThat(l.team()).isEqualTo(engineer.team());
      assertThat(l.start()).isBeforeOrEqualTo(l.end());
    });
    return new Signals(ctx.timeline().events());
  }

  @Test
  void loopingAgentRepeatsTheSameRequestSixTimesInTenMinutesAndTheNearMissFive() {
    assertThat(plant(new LoopingAgentPlanter(), LabelKind.PLANTED).maxLoopRepeats(Thresholds.LOOP_WINDOW))
        .isGreaterThanOrEqualTo(Thresholds.LOOP_REPEATS);
    assertThat(plant(new LoopingAgentPlanter(), LabelKind.NEAR_MISS).maxLoopRepeats(Thresholds.LOOP_WINDOW))
        .isLessThan(Thresholds.LOOP_REPEATS);
  }

  @Test
  void overnightPaddingBurnsTwoHundredThousandUnattendedTokensOffHoursWithoutPrAndTheNearMissLess() {
    Signals planted = plant(new OvernightPaddingPlanter(), LabelKind.PLANTED);
    assertThat(planted.unattendedOffHoursTokens(engineer, Thresholds.UNATTENDED_AFTER, false))
        .isGreaterThanOrEqualTo(Thresholds.OVERNIGHT_TOKENS);
    assertThat(planted.of(PullRequestEvent.class)).isEmpty();
    Signals nearMiss = plant(new OvernightPaddingPlanter(), LabelKind.NEAR_MISS);
    assertThat(nearMiss.unattendedOffHoursTokens(engineer, Duration.ZERO, true))
        .isPositive().isLessThan(Thresholds.OVERNIGHT_TOKENS);
  }

  @Test
  void duplicateGenerationRepeatsAPromptFiveTimesInAnHourAcrossSessionsAndTheNearMissFour() {
    Signals planted = plant(new DuplicateGenerationPlanter(), LabelKind.PLANTED);
    assertThat(planted.maxDuplicates(Thresholds.DUPLICATE_WINDOW)).isGreaterThanOrEqualTo(Thresholds.DUPLICATE_REPEATS);
    assertThat(planted.sessions()).hasSizeGreaterThanOrEqualTo(Thresholds.DUPLICATE_REPEATS);
    assertThat(plant(new DuplicateGenerationPlanter(), LabelKind.NEAR_MISS).maxDuplicates(Duration.ofDays(1)))
        .isLessThan(Thresholds.DUPLICATE_REPEATS);
  }

  @Test
  void retryStormHasTenRetriedErrorsInFiveMinutesAndTheNearMissFewerErrorsOfAnyAttempt() {
    assertThat(plant(new RetryStormPlanter(), LabelKind.PLANTED)
        .maxErrors(Thresholds.RETRY_WINDOW, u -> u.getAttempt() > 1)).isGreaterThanOrEqualTo(Thresholds.RETRY_ERRORS);
    assertThat(plant(new RetryStormPlanter(), LabelKind.NEAR_MISS).maxErrors(Duration.ofDays(1), u -> true))
        .isLessThan(Thresholds.RETRY_ERRORS);
  }

  @Test
  void cacheThrashRewritesALargeContextAfterTheCacheExpiredRepeatedlyAndTheNearMissTwice() {
    assertThat(plant(new CacheThrashPlanter(), LabelKind.PLANTED)
        .maxThrashWrites(Thresholds.CACHE_TTL, Thresholds.CACHE_LARGE_WRITE))
        .isGreaterThanOrEqualTo(Thresholds.CACHE_REPEATS);
    assertThat(plant(new CacheThrashPlanter(), LabelKind.NEAR_MISS)
        .maxThrashWrites(Thresholds.CACHE_TTL, Thresholds.CACHE_LARGE_WRITE)).isLessThan(Thresholds.CACHE_REPEATS);
  }

  @Test
  void contextBloatHasTenConsecutiveHugeRequestsWithTinyOutputAndTheNearMissNine() {
    assertThat(plant(new ContextBloatPlanter(), LabelKind.PLANTED)
        .maxBloatRun(Thresholds.BLOAT_INPUT_TOKENS, Thresholds.BLOAT_OUTPUT_RATIO))
        .isGreaterThanOrEqualTo(Thresholds.BLOAT_REQUESTS);
    assertThat(plant(new ContextBloatPlanter(), LabelKind.NEAR_MISS)
        .maxBloatRun(Thresholds.BLOAT_INPUT_TOKENS, Thresholds.BLOAT_OUTPUT_RATIO)).isLessThan(Thresholds.BLOAT_REQUESTS);
  }

  @Test
  void discardedOutputRejectsEveryEditOnABranchWithoutPrAndTheNearMissShipsHalf() {
    Signals planted = plant(new DiscardedOutputPlanter(), LabelKind.PLANTED);
    assertThat(planted.discardedSessions(Thresholds.DISCARD_DECISIONS, Thresholds.DISCARD_REJECTED_SHARE,
        Thresholds.DISCARD_WINDOW)).isEqualTo(1);
    assertThat(planted.of(PullRequestEvent.class)).isEmpty();
    Signals nearMiss = plant(new DiscardedOutputPlanter(), LabelKind.NEAR_MISS);
    assertThat(nearMiss.discardedSessions(Thresholds.DISCARD_DECISIONS, Thresholds.DISCARD_REJECTED_SHARE,
        Thresholds.DISCARD_WINDOW)).isZero();
    assertThat(nearMiss.of(PullRequestEvent.class)).anyMatch(p -> Boolean.TRUE.equals(p.getMerged()));
  }

  @Test
  void baselineSessionsAndTheAttendedRefactoringDoNotDiscardOutput() {
    Signals baseline = new Signals(Simulation.run(Organisation.generate(5, 40, 4), 5, 3, DAY.plus(Duration.ofDays(3)),
        0, false).events());
    assertThat(baseline.discardedSessions(Thresholds.DISCARD_DECISIONS, Thresholds.DISCARD_REJECTED_SHARE,
        Thresholds.DISCARD_WINDOW)).isZero();
    assertThat(plant(new AttendedRefactoringLookAlike(), LabelKind.LOOK_ALIKE).discardedSessions(
        Thresholds.DISCARD_DECISIONS, Thresholds.DISCARD_REJECTED_SHARE, Thresholds.DISCARD_WINDOW)).isZero();
  }

  @Test
  void abandonedSpendClosesAPrWithAiSpendUnmergedAndTheNearMissOneWithout() {
    assertThat(plant(new AbandonedSpendPlanter(), LabelKind.PLANTED).abandonedTokens()).isPositive();
    Signals nearMiss = plant(new AbandonedSpendPlanter(), LabelKind.NEAR_MISS);
    assertThat(nearMiss.abandonedTokens()).isZero();
    assertThat(nearMiss.of(PullRequestEvent.class)).anyMatch(p -> p.getClosedAt() != null);
  }

  @Test
  void incidentFollowsAHeavierMergeThanAnyBaselinePrAndTheNearMissALightOne() {
    Signals baseline = new Signals(Simulation.run(Organisation.generate(5, 40, 4), 5, 2, DAY.plus(Duration.ofDays(2)),
        0, false).events());
    List<Long> baselinePrs = baseline.tokensByBranch().values().stream().sorted().toList();
    long median = baselinePrs.get(baselinePrs.size() / 2);
    long max = baselinePrs.get(baselinePrs.size() - 1);

    Signals planted = plant(new IncidentAfterHeavyPrPlanter(), LabelKind.PLANTED);
    assertThat(planted.mergesFollowedByIncident(Thresholds.INCIDENT_WINDOW, Organisation::service)).singleElement()
        .satisfies(pr -> assertThat(planted.tokensByBranch().get(pr.getRepository() + "@" + pr.getBranch()))
            .isGreaterThan(3 * max));
    Signals nearMiss = plant(new IncidentAfterHeavyPrPlanter(), LabelKind.NEAR_MISS);
    assertThat(nearMiss.mergesFollowedByIncident(Thresholds.INCIDENT_WINDOW, Organisation::service)).singleElement()
        .satisfies(pr -> assertThat(nearMiss.tokensByBranch().get(pr.getRepository() + "@" + pr.getBranch()))
            .isLessThan(median));
  }

  @Test
  void lookAlikesResembleTheirPatternButAreAttendedOrByDesign() {
    SimulationContext ctx = new SimulationContext(organisation, 42, END);
    new AttendedRefactoringLookAlike().plant(ctx, engineer, DAY, LabelKind.LOOK_ALIKE);
    Signals refactoring = new Signals(ctx.timeline().events());
    assertThat(refactoring.maxLoopRepeats(Duration.ofDays(1))).isLessThan(2);
    assertThat(refactoring.requests().stream().map(Signals::fingerprint)
        .collect(java.util.stream.Collectors.groupingBy(f -> f, java.util.stream.Collectors.counting())).values())
        .anyMatch(n -> n >= Thresholds.LOOP_REPEATS);

    SimulationContext night = new SimulationContext(organisation, 42, END);
    new OnCallNightLookAlike().plant(night, engineer, DAY, LabelKind.LOOK_ALIKE);
    Signals onCall = new Signals(night.timeline().events());
    assertThat(onCall.unattendedOffHoursTokens(engineer, Duration.ZERO, true)).isGreaterThan(Thresholds.OVERNIGHT_TOKENS);
    assertThat(onCall.unattendedOffHoursTokens(engineer, Thresholds.UNATTENDED_AFTER, true)).isZero();
    assertThat(onCall.of(PullRequestEvent.class)).anyMatch(p -> Boolean.TRUE.equals(p.getMerged()));

    SimulationContext ci = new SimulationContext(organisation, 42, END);
    new CiBotLookAlike().plant(ci, organisation.ciBot(), DAY, LabelKind.LOOK_ALIKE);
    assertThat(new Signals(ci.timeline().events()).maxDuplicates(Thresholds.DUPLICATE_WINDOW))
        .isGreaterThanOrEqualTo(Thresholds.DUPLICATE_REPEATS);
    assertThat(ci.timeline().labels()).singleElement().extracting(Label::engineerId).isEqualTo("ci-bot");
  }

  @Test
  void everyPatternHasOnePlanterInPatternOrder() {
    assertThat(Simulation.PLANTERS).extracting(WastePlanter::pattern).containsExactly(Pattern.values());
  }

}
