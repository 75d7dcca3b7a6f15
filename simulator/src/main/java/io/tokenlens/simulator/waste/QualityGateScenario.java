package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * A scenario of UNAPPROVED_AI_HEAVY_MERGE (the planted case and its look-alikes): it fits an
 * engineer's day when a team repository has room for one more AI-heavy merge ({@link
 * HeavyPullRequest#roomFor}).
 */
abstract class QualityGateScenario implements WastePlanter {

  @Override
  public final Pattern pattern() {
    return Pattern.UNAPPROVED_AI_HEAVY_MERGE;
  }

  @Override
  public final boolean canPlant(SimulationContext ctx, Engineer engineer, Instant day) {
    return HeavyPullRequest.roomFor(ctx, engineer, day);
  }
}
