package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * Look-alike of LOOPING_AGENT: a three-hour attended refactoring session. The engineer asks again
 * and again to run the same test command 8 times in about 7 minutes (the same tool, the same
 * arguments, the same result size, requests within a few percent of each other) — but each run
 * follows a user prompt, and the branch is merged.
 */
public final class AttendedRefactoringLookAlike implements WastePlanter {

  @Override
  public Pattern pattern() {
    return Pattern.LOOPING_AGENT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w =
        ctx.session(
            engineer,
            "refactor/" + engineer.id() + "-" + ctx.random().nextInt(10_000),
            engineer.localTime(day, engineer.workStart().plusMinutes(30)));
    String testArgs = ctx.ids().uuid();
    Instant first = null;
    for (int i = 0; i < 36; i++) {
      w.userPrompt(60 + ctx.random().nextInt(400), ctx.ids().uuid());
      w.advanceMillis(1_500);
      boolean rerun = i >= 10 && i < 18; // a test-fix cycle: 8 prompted reruns in about 7 minutes
      long context = 30_000 + 2_500L * i;
      w.request(
          "claude-sonnet-4-5",
          rerun ? ctx.jitter().input(400) : 900 + ctx.random().nextInt(2_000),
          context,
          i % 8 == 0 ? 6_000 : 0,
          rerun ? ctx.jitter().output(150) : 800 + ctx.random().nextInt(2_500),
          9_000);
      first = first == null ? w.now() : first;
      w.advanceMillis(3_000);
      if (rerun) {
        w.toolResult("Bash", i % 6 != 5, testArgs, 45_000, 9_000);
      } else {
        w.decision("Edit", true, ctx.ids().uuid());
        w.toolResult("Edit", true, ctx.ids().uuid(), 200, ToolResults.size(ctx.random(), "Edit"));
      }
      w.advanceMillis(
          rerun ? 40_000 + ctx.random().nextInt(15_000) : 60_000 + ctx.random().nextInt(180_000));
    }
    WastePlanter.label(
        ctx, pattern(), engineer, w.sessionId(), first, w.now(), LabelKind.LOOK_ALIKE);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
