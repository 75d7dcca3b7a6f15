package io.tokenlens.simulator;

import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.simulator.alerts.BurnBurst;
import io.tokenlens.simulator.alerts.BurnModel;
import io.tokenlens.simulator.budget.TeamSpend;
import io.tokenlens.simulator.eval.ReplaySettings;
import io.tokenlens.simulator.model.BaselineGenerator;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.reverts.RevertPlanter;
import io.tokenlens.simulator.waste.AbandonedHeavyPrLookAlike;
import io.tokenlens.simulator.waste.AbandonedSpendPlanter;
import io.tokenlens.simulator.waste.AttendedRefactoringLookAlike;
import io.tokenlens.simulator.waste.CacheThrashPlanter;
import io.tokenlens.simulator.waste.CiBotLookAlike;
import io.tokenlens.simulator.waste.ContextBloatPlanter;
import io.tokenlens.simulator.waste.DiscardedOutputPlanter;
import io.tokenlens.simulator.waste.DuplicateGenerationPlanter;
import io.tokenlens.simulator.waste.IncidentAfterHeavyPrPlanter;
import io.tokenlens.simulator.waste.LabelKind;
import io.tokenlens.simulator.waste.LoopingAgentPlanter;
import io.tokenlens.simulator.waste.OnCallNightLookAlike;
import io.tokenlens.simulator.waste.OvernightPaddingPlanter;
import io.tokenlens.simulator.waste.Pattern;
import io.tokenlens.simulator.waste.RetryStormPlanter;
import io.tokenlens.simulator.waste.ReviewedHeavyMergeLookAlike;
import io.tokenlens.simulator.waste.UnapprovedHeavyMergePlanter;
import io.tokenlens.simulator.waste.WastePlanter;
import io.tokenlens.simulator.waste.WorkingAgentLookAlike;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the organisation model over the simulated days: each engineer's working days, the planted
 * waste and near-misses (each with probability {@code wasteRate} per engineer-working-day, patterns
 * taken in turn, skipping one that does not fit the day), the look-alikes (the CI bot every day,
 * one attended refactoring, one working agent, one on-call night, one approved and one abandoned
 * AI-heavy pull request per day), the infra service's incidents, one team's burst of anomalous burn
 * ({@link BurnBurst}), and a few merged pull requests reverted later ({@link RevertPlanter}).
 * Engineers with a planted usage ({@link io.tokenlens.simulator.org.Usage}) get no waste, near-miss
 * or look-alike. Deterministic: the same settings give the same timeline.
 */
public final class Simulation {
  /** One planter per pattern, in {@link Pattern} order. */
  public static final List<WastePlanter> PLANTERS =
      List.of(
          new LoopingAgentPlanter(),
          new OvernightPaddingPlanter(),
          new DuplicateGenerationPlanter(),
          new RetryStormPlanter(),
          new CacheThrashPlanter(),
          new ContextBloatPlanter(),
          new DiscardedOutputPlanter(),
          new AbandonedSpendPlanter(),
          new IncidentAfterHeavyPrPlanter(),
          new UnapprovedHeavyMergePlanter());

  /** The quality gate's look-alikes: an AI-heavy PR approved, and one closed unmerged. */
  static final List<WastePlanter> GATE_LOOK_ALIKES =
      List.of(new ReviewedHeavyMergeLookAlike(), new AbandonedHeavyPrLookAlike());

  private Simulation() {}

  /**
   * @param organisation who works
   * @param seed random seed
   * @param days simulated days, ending at {@code end}
   * @param end the end of simulated time (events after it are dropped)
   * @param wasteRate probability per engineer-working-day of one planted occurrence, and of one
   *     near-miss
   * @param lookAlikes whether to add the look-alikes
   */
  public static Timeline run(
      Organisation organisation,
      long seed,
      int days,
      Instant end,
      double wasteRate,
      boolean lookAlikes) {
    SimulationContext ctx = new SimulationContext(organisation, seed, end);
    BaselineGenerator baseline = new BaselineGenerator(ctx);
    Instant start = end.minus(Duration.ofDays(days));
    int planted = 0;
    int nearMisses = 0;
    List<Engineer> engineers = organisation.engineers();
    for (int d = 0; d < days; d++) {
      Instant day = start.plus(Duration.ofDays(d)).plus(Duration.ofHours(12));
      for (Engineer e : engineers) {
        baseline.workday(e, day, d + 1);
        if (!e.usual()
            || !e.isWorking(e.localTime(day, e.workStart()))
            || e.localTime(day, e.workEnd()).plus(Duration.ofHours(2)).isAfter(end)) {
          continue; // no waste for planted usage, on days off, nor on a working day the simulated
          // time cuts short
        }
        if (ctx.random().nextDouble() < wasteRate) {
          WastePlanter p = PLANTERS.get(planted++ % PLANTERS.size());
          for (int tried = 1; tried < PLANTERS.size() && !p.canPlant(ctx, e, day); tried++) {
            p = PLANTERS.get(planted++ % PLANTERS.size());
          }
          p.plant(ctx, e, day, LabelKind.PLANTED);
        }
        if (ctx.random().nextDouble() < wasteRate) {
          PLANTERS.get(nearMisses++ % PLANTERS.size()).plant(ctx, e, day, LabelKind.NEAR_MISS);
        }
      }
      baseline.incidents(start.plus(Duration.ofDays(d)));
      if (lookAlikes && !engineers.isEmpty()) {
        new CiBotLookAlike().plant(ctx, organisation.ciBot(), day, LabelKind.LOOK_ALIKE);
        Engineer refactoring = engineers.get(ctx.random().nextInt(engineers.size()));
        if (refactoring.usual()
            && refactoring.isWorking(refactoring.localTime(day, refactoring.workStart()))) {
          new AttendedRefactoringLookAlike().plant(ctx, refactoring, day, LabelKind.LOOK_ALIKE);
        }
        Engineer working = engineers.get(ctx.random().nextInt(engineers.size()));
        if (working.usual() && working.isWorking(working.localTime(day, working.workStart()))) {
          new WorkingAgentLookAlike().plant(ctx, working, day, LabelKind.LOOK_ALIKE);
        }
        Engineer onCall = engineers.get(ctx.random().nextInt(engineers.size()));
        if (onCall.usual()) {
          new OnCallNightLookAlike().plant(ctx, onCall, day, LabelKind.LOOK_ALIKE);
        }
        // drawn only once a repository has room, so a small organisation's run is as before
        for (WastePlanter gate :
            ctx.gateRepositories().anyRoom(ctx.timeline(), day)
                ? GATE_LOOK_ALIKES
                : List.<WastePlanter>of()) {
          Engineer heavy = engineers.get(ctx.random().nextInt(engineers.size()));
          if (heavy.usual()
              && heavy.isWorking(heavy.localTime(day, heavy.workStart()))
              && gate.canPlant(ctx, heavy, day)) {
            gate.plant(ctx, heavy, day, LabelKind.LOOK_ALIKE);
          }
        }
      }
    }
    TeamSpend spend = new TeamSpend(organisation, DefaultPrices.load(end.toEpochMilli()));
    new BurnBurst(new BurnModel(ReplaySettings.DEFAULT.alertSettings()), spend)
        .plant(ctx, end)
        .ifPresent(ctx.timeline()::plantedBurn);
    RevertPlanter.plant(ctx.timeline(), seed);
    return ctx.timeline();
  }
}
