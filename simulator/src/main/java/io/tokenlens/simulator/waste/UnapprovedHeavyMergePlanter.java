package io.tokenlens.simulator.waste;

import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.simulator.model.PullRequestFlow;
import io.tokenlens.simulator.model.SessionShapes;
import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * UNAPPROVED_AI_HEAVY_MERGE, the quality gate. Planted: an AI-heavy pull request ({@link
 * HeavyPullRequest}) that a reviewer comments on 20–40 minutes after it is opened, merged an hour
 * after it was opened without any approving review. Near-miss: one short interactive session on the
 * engineer's repository, its PR merged as soon without any review: unreviewed, but with an AI cost
 * below the baseline median. Planted only when a team repository has room for one more AI-heavy
 * merge.
 */
public final class UnapprovedHeavyMergePlanter extends QualityGateScenario {

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    Instant start;
    PullRequestFlow.Opened pr;
    if (WastePlanter.planted(kind)) {
      HeavyPullRequest heavy = HeavyPullRequest.open(ctx, engineer, day, true);
      start = heavy.start();
      pr = heavy.pr();
      ctx.prs()
          .review(
              pr,
              ctx.reviewerFor(engineer),
              ReviewState.COMMENTED,
              pr.openedAt().plusSeconds(1_200 + ctx.random().nextInt(1_200)));
    } else {
      start = WastePlanter.midday(ctx, engineer, day);
      String branch = "feature/" + engineer.id() + "-quick-" + ctx.random().nextInt(10_000);
      SessionWriter w = ctx.session(engineer, branch, start);
      SessionShapes.interactive(ctx, w, 2);
      pr =
          ctx.prs()
              .open(
                  engineer.repository(),
                  branch,
                  engineer.id(),
                  w.now().plusSeconds(1_800 + ctx.random().nextInt(1_800)),
                  5 + ctx.random().nextInt(60),
                  ctx.random().nextInt(20));
    }
    Instant merged = pr.openedAt().plusSeconds(3_600);
    ctx.prs().merge(pr, merged);
    WastePlanter.label(ctx, pattern(), engineer, null, start, merged, kind);
  }
}
