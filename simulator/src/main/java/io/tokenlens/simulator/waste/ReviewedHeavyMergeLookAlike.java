package io.tokenlens.simulator.waste;

import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * Look-alike of UNAPPROVED_AI_HEAVY_MERGE: an AI-heavy pull request ({@link HeavyPullRequest})
 * approved 20–40 minutes after it is opened and merged an hour after it was opened: as heavy as the
 * planted one, but through the gate.
 */
public final class ReviewedHeavyMergeLookAlike extends QualityGateScenario {

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    HeavyPullRequest heavy = HeavyPullRequest.open(ctx, engineer, day, true);
    Instant opened = heavy.pr().openedAt();
    ctx.prs()
        .review(
            heavy.pr(),
            ctx.reviewerFor(engineer),
            ReviewState.APPROVED,
            opened.plusSeconds(1_200 + ctx.random().nextInt(1_200)));
    Instant merged = opened.plusSeconds(3_600);
    ctx.prs().merge(heavy.pr(), merged);
    WastePlanter.label(ctx, pattern(), engineer, null, heavy.start(), merged, LabelKind.LOOK_ALIKE);
  }
}
