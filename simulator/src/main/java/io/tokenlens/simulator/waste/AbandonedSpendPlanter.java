package io.tokenlens.simulator.waste;

import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.simulator.model.PullRequestFlow;
import io.tokenlens.simulator.model.SessionShapes;
import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * ABANDONED_SPEND: one to three interactive sessions on a branch, its PR opened, changes requested,
 * then closed without merge. Near-miss: a PR closed without merge that no session worked on (no
 * spend to attribute).
 */
public final class AbandonedSpendPlanter implements WastePlanter {

  @Override
  public Pattern pattern() {
    return Pattern.ABANDONED_SPEND;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    String branch = "feature/" + engineer.id() + "-abandoned-" + ctx.random().nextInt(10_000);
    Instant start = WastePlanter.midday(ctx, engineer, day);
    Instant last = start;
    if (WastePlanter.planted(kind)) {
      for (int s = ctx.inRange(1, 3); s > 0; s--) {
        SessionWriter w = ctx.session(engineer, branch, last.plusSeconds(600));
        SessionShapes.interactive(ctx, w, ctx.inRange(2, 6));
        last = w.now();
      }
    }
    PullRequestFlow.Opened pr =
        ctx.prs()
            .open(engineer.repository(), branch, engineer.id(), last.plusSeconds(900), 140, 20);
    ctx.prs()
        .review(
            pr,
            ctx.reviewerFor(engineer),
            ReviewState.CHANGES_REQUESTED,
            pr.openedAt().plusSeconds(3_600));
    Instant closed = pr.openedAt().plusSeconds(7_200 + ctx.random().nextInt(3_600));
    ctx.prs().closeUnmerged(pr, closed);
    WastePlanter.label(ctx, pattern(), engineer, null, start, closed, kind);
  }
}
