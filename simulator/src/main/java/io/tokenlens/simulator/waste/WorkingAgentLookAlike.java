package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * Look-alike of LOOPING_AGENT: an unattended agent working through a codebase after one prompt,
 * reading {@link #MIN_CALLS} to {@link #MAX_CALLS} different files (or grepping as many different
 * patterns), 10–40 s apart, with requests of almost the same size (within a few percent, {@code
 * Jitter}): each call has its own arguments and its own result size. The agent is making progress;
 * the branch is merged.
 */
public final class WorkingAgentLookAlike implements WastePlanter {
  public static final int MIN_CALLS = 9;
  public static final int MAX_CALLS = 14;

  @Override
  public Pattern pattern() {
    return Pattern.LOOPING_AGENT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w =
        ctx.session(
            engineer,
            "feature/" + engineer.id() + "-explore-" + ctx.random().nextInt(10_000),
            WastePlanter.midday(ctx, engineer, day).plusSeconds(5_400));
    w.userPrompt(300 + ctx.random().nextInt(1_200), ctx.ids().uuid());
    String tool = ctx.random().nextBoolean() ? "Read" : "Grep";
    long input = 600 + ctx.random().nextInt(1_000);
    long output = 150 + ctx.random().nextInt(250);
    long context = 25_000 + ctx.random().nextInt(20_000);
    Instant first = null;
    for (int i = ctx.inRange(MIN_CALLS, MAX_CALLS); i > 0; i--) {
      w.advanceMillis(10_000 + ctx.random().nextInt(30_000));
      long in = ctx.jitter().input(input);
      long out = ctx.jitter().output(output);
      w.request("claude-sonnet-4-5", in, context, 0, out, 3_000 + ctx.random().nextInt(3_000));
      context += in + out;
      first = first == null ? w.now() : first;
      SideCalls.maybe(ctx.random(), w);
      w.advanceMillis(500 + ctx.random().nextInt(1_500));
      w.toolResult(
          tool,
          true,
          ctx.ids().uuid(),
          50 + ctx.random().nextInt(400),
          ToolResults.size(ctx.random(), tool));
    }
    WastePlanter.label(
        ctx, pattern(), engineer, w.sessionId(), first, w.now(), LabelKind.LOOK_ALIKE);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
