package io.tokenlens.simulator.waste;

import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.simulator.model.PullRequestFlow;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/** Plants one occurrence of a pattern (or its near-miss, or a look-alike) and labels it. */
public interface WastePlanter {

  Pattern pattern();

  /**
   * Writes one occurrence for {@code engineer} on the local day containing {@code day} and adds its
   * label.
   *
   * @param kind {@link LabelKind#PLANTED} or {@link LabelKind#NEAR_MISS}
   */
  void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind);

  /**
   * Whether a planted occurrence fits the engineer's local day containing {@code day}: a pattern
   * that needs a repository of its own, or one with history, says no when none is free.
   */
  default boolean canPlant(SimulationContext ctx, Engineer engineer, Instant day) {
    return true;
  }

  /** A late-morning instant of the engineer's local day: inside working hours. */
  static Instant midday(SimulationContext ctx, Engineer engineer, Instant day) {
    return engineer
        .localTime(day, engineer.workStart().plusHours(2))
        .plusSeconds(ctx.random().nextInt(3_600));
  }

  static void label(
      SimulationContext ctx,
      Pattern pattern,
      Engineer engineer,
      String sessionId,
      Instant start,
      Instant end,
      LabelKind kind) {
    ctx.timeline()
        .label(new Label(pattern, engineer.id(), engineer.team(), sessionId, start, end, kind));
  }

  /**
   * Ships the branch: a PR opened 30–60 minutes after {@code after}, approved, merged an hour
   * later, so the occurrence's sessions reach a PR and look like no other pattern.
   */
  static PullRequestFlow.Opened ship(
      SimulationContext ctx, Engineer engineer, String repository, String branch, Instant after) {
    Instant opened = after.plusSeconds(1_800 + ctx.random().nextInt(1_800));
    PullRequestFlow.Opened pr =
        ctx.prs()
            .open(
                repository,
                branch,
                engineer.id(),
                opened,
                20 + ctx.random().nextInt(300),
                ctx.random().nextInt(80));
    ctx.prs()
        .review(pr, ctx.reviewerFor(engineer), ReviewState.APPROVED, opened.plusSeconds(1_800));
    ctx.prs().merge(pr, opened.plusSeconds(3_600));
    return pr;
  }

  static boolean planted(LabelKind kind) {
    return kind == LabelKind.PLANTED;
  }
}
