package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.GateRepositories;
import io.tokenlens.simulator.model.PullRequestFlow;
import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * The AI-heavy pull request of the quality-gate scenarios: three long agentic Sonnet sessions
 * (about 30M tokens, more than three times any baseline pull request, and cheaper than the Opus
 * sessions of {@link IncidentAfterHeavyPrPlanter}) on a new branch of a team repository with a
 * history of merges ({@link GateRepositories}), its PR opened 30–60 minutes after the last one.
 *
 * @param start the first session's start
 * @param pr the opened pull request
 */
record HeavyPullRequest(Instant start, PullRequestFlow.Opened pr) {
  static final String MODEL = "claude-sonnet-4-5";

  /** Whether a team repository has room for one more AI-heavy merge on the engineer's day. */
  static boolean roomFor(SimulationContext ctx, Engineer engineer, Instant day) {
    return ctx.gateRepositories()
        .withRoom(ctx.timeline(), engineer, startOfDay(engineer, day))
        .isPresent();
  }

  /**
   * Writes the sessions and opens the PR on the engineer's local day containing {@code day}; when
   * it {@code merges}, the repository's room is taken.
   */
  static HeavyPullRequest open(
      SimulationContext ctx, Engineer engineer, Instant day, boolean merges) {
    String repository =
        ctx.gateRepositories()
            .withRoom(ctx.timeline(), engineer, startOfDay(engineer, day))
            .orElse(engineer.repository());
    if (merges) {
      ctx.gateRepositories().take(repository);
    }
    String branch = "feature/" + engineer.id() + "-agent-" + ctx.random().nextInt(10_000);
    Instant start = WastePlanter.midday(ctx, engineer, day).minusSeconds(3_600);
    Instant last = start;
    for (int s = 0; s < 3; s++) {
      SessionWriter w = ctx.session(engineer, repository, branch, last.plusSeconds(300));
      IncidentAfterHeavyPrPlanter.heavy(ctx, w, MODEL);
      last = w.now();
    }
    Instant opened = last.plusSeconds(1_800 + ctx.random().nextInt(1_800));
    return new HeavyPullRequest(
        start,
        ctx.prs()
            .open(
                repository,
                branch,
                engineer.id(),
                opened,
                400 + ctx.random().nextInt(1_600),
                ctx.random().nextInt(400)));
  }

  /** The merges counted for the room: those before the engineer's working day starts. */
  private static Instant startOfDay(Engineer engineer, Instant day) {
    return engineer.localTime(day, engineer.workStart());
  }
}
