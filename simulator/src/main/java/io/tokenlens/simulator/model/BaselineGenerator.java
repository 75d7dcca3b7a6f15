package io.tokenlens.simulator.model;

import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.org.Usage;
import io.tokenlens.simulator.waste.IncidentAfterHeavyPrPlanter;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The legitimate work of one engineer-day: two to five sessions inside working hours (interactive
 * mostly, some agentic; a quarter of engineers also use the GenAI tool), all on the day's branch,
 * whose PR is opened after the last session, reviewed by a teammate and merged the next hours. One
 * day in ten also brings a small manual (AI-free) change to the infra repository, closed unmerged
 * one time in four. Incidents of the baseline happen on the infra service only (see {@link
 * IncidentAfterHeavyPrPlanter}). Planted usage ({@link Usage}): a low-adoption engineer ships the
 * same pull requests with one single-prompt session on some days and none on the others; a heavy
 * user with low output runs six to nine agentic sessions a day on a branch merged once every {@link
 * #SHIP_EVERY} days.
 */
public final class BaselineGenerator {
  /** A heavy user with low output merges the branch of these many days, on the last of them. */
  public static final int SHIP_EVERY = 5;

  /** A heavy user's sessions a day, the same every day so that their team's burn stays steady. */
  static final int HEAVY_SESSIONS = 10;

  /** Share of a low-adoption engineer's workdays with one single-prompt session. */
  static final double LOW_ADOPTION_SESSION_DAYS = 0.3;

  private final SimulationContext ctx;

  public BaselineGenerator(SimulationContext ctx) {
    this.ctx = ctx;
  }

  /** The engineer's work on the local day containing {@code day} (nothing on days off). */
  public void workday(Engineer engineer, Instant day, int branchNumber) {
    Instant start = engineer.localTime(day, engineer.workStart());
    if (!engineer.isWorking(start)) {
      return;
    }
    SplittableRandom r = ctx.random();
    Instant end = engineer.localTime(day, engineer.workEnd());
    Usage usage = engineer.usage();
    String branch =
        "feature/"
            + engineer.id()
            + "-"
            + (usage == Usage.HEAVY_LOW_OUTPUT
                ? "w" + (branchNumber - 1) / SHIP_EVERY
                : branchNumber);
    Instant last =
        switch (usage) {
          case USUAL -> sessions(engineer, branch, start, end, 2 + r.nextInt(4));
          case LOW_ADOPTION ->
              r.nextDouble() < LOW_ADOPTION_SESSION_DAYS
                  ? sessions(engineer, branch, start, end, 1)
                  : start.plusSeconds(3_600 + r.nextInt(14_400));
          case HEAVY_LOW_OUTPUT -> sessions(engineer, branch, start, end, HEAVY_SESSIONS);
        };
    if (usage != Usage.HEAVY_LOW_OUTPUT || branchNumber % SHIP_EVERY == 0) {
      PullRequestFlow.Opened pr =
          ctx.prs()
              .open(
                  engineer.repository(),
                  branch,
                  engineer.id(),
                  last.plusSeconds(300 + r.nextInt(1_200)),
                  10 + r.nextInt(600),
                  r.nextInt(200));
      Instant reviewed = pr.openedAt().plusSeconds(1_800 + r.nextInt(4 * 3_600));
      ctx.prs().review(pr, ctx.reviewerFor(engineer), ReviewState.APPROVED, reviewed);
      ctx.prs().merge(pr, reviewed.plusSeconds(600 + r.nextInt(3_600)));
    }
    if (r.nextDouble() < 0.1) {
      manualInfraChange(engineer, start.plusSeconds(3_600 + r.nextInt(14_400)), branchNumber);
    }
  }

  /**
   * {@code count} sessions spread over the working hours, as the engineer's usage has them: usual,
   * interactive four times in five (GenAI-tool sessions always are); low adoption, one prompt;
   * heavy, long agentic runs. Returns when the last one inside the day ended.
   */
  private Instant sessions(
      Engineer engineer, String branch, Instant start, Instant end, int count) {
    SplittableRandom r = ctx.random();
    long slot = Duration.between(start, end).toMillis() / count;
    Instant last = start;
    for (int s = 0; s < count; s++) {
      Instant at = start.plusMillis(slot * s + (long) (r.nextDouble() * slot * 0.3));
      boolean genAi = engineer.usesGenAiTool() && r.nextDouble() < 0.3;
      SessionWriter w =
          genAi
              ? new SessionWriter(
                  ctx.timeline(), ctx.ids(), engineer, engineer.repository(), branch, true, at)
              : ctx.session(engineer, branch, at);
      switch (engineer.usage()) {
        case LOW_ADOPTION -> SessionShapes.interactive(ctx, w, 1);
        case HEAVY_LOW_OUTPUT -> {
          if (genAi) {
            SessionShapes.interactive(ctx, w, 2 + r.nextInt(5));
          } else {
            SessionShapes.unattended(ctx, w, 24 + r.nextInt(8));
          }
        }
        case USUAL -> {
          if (genAi || r.nextDouble() < 0.8) {
            SessionShapes.interactive(ctx, w, 2 + r.nextInt(5));
          } else {
            SessionShapes.agentic(ctx, w, 8 + r.nextInt(20));
          }
        }
      }
      if (w.now().isAfter(end)) {
        break;
      }
      last = w.now();
    }
    return last;
  }

  /** The day's incident on the infra service, half of the days. */
  public void incidents(Instant day) {
    if (ctx.random().nextBoolean()) {
      IncidentAfterHeavyPrPlanter.incident(
          ctx,
          Organisation.service(Organisation.INFRA),
          day.plusSeconds(ctx.random().nextInt(86_400)));
    }
  }

  private void manualInfraChange(Engineer engineer, Instant at, int branchNumber) {
    PullRequestFlow.Opened pr =
        ctx.prs()
            .open(
                Organisation.INFRA,
                "chore/" + engineer.id() + "-" + branchNumber,
                engineer.id(),
                at,
                5 + ctx.random().nextInt(40),
                ctx.random().nextInt(20));
    Instant closed = at.plusSeconds(3_600 + ctx.random().nextInt(7_200));
    if (ctx.random().nextDouble() < 0.25) {
      ctx.prs().closeUnmerged(pr, closed);
    } else {
      ctx.prs()
          .review(pr, ctx.reviewerFor(engineer), ReviewState.APPROVED, closed.minusSeconds(600));
      ctx.prs().merge(pr, closed);
    }
  }
}
