package io.tokenlens.simulator.waste;

import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * Look-alike of UNAPPROVED_AI_HEAVY_MERGE: an AI-heavy pull request ({@link HeavyPullRequest}) with
 * changes requested and closed unmerged two to three hours after it was opened: never approved, but
 * nothing reached the main branch. Its spend is abandoned, so it is also a planted ABANDONED_SPEND
 * occurrence and labelled as one.
 */
public final class AbandonedHeavyPrLookAlike extends QualityGateScenario {

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    HeavyPullRequest heavy = HeavyPullRequest.open(ctx, engineer, day, false);
    Instant opened = heavy.pr().openedAt();
    ctx.prs()
        .review(
            heavy.pr(),
            ctx.reviewerFor(engineer),
            ReviewState.CHANGES_REQUESTED,
            opened.plusSeconds(1_800));
    Instant closed = opened.plusSeconds(7_200 + ctx.random().nextInt(3_600));
    ctx.prs().closeUnmerged(heavy.pr(), closed);
    WastePlanter.label(ctx, pattern(), engineer, null, heavy.start(), closed, LabelKind.LOOK_ALIKE);
    WastePlanter.label(
        ctx, Pattern.ABANDONED_SPEND, engineer, null, heavy.start(), closed, LabelKind.PLANTED);
  }
}
