package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * LOOPING_AGENT as it happens: after one user prompt the agent runs the same tool call again and
 * again — the same tool, the same arguments, the same result size (the state does not change) —
 * {@link #MIN_REPEATS} to {@link #MAX_REPEATS} times, {@link #MIN_GAP_SECONDS} to {@link
 * #MAX_GAP_SECONDS} s apart. Each repeat's request is answered a little differently ({@code
 * Jitter}: output ±2–6%, uncached input ±0–15 tokens) on a context that grows by what the repeat
 * added (cache reads). Near-miss: the engineer watches and steers: {@link #NEAR_MISS_RUNS} runs of
 * 2–3 repeats of the same call, each run after a user prompt.
 */
public final class LoopingAgentPlanter implements WastePlanter {
  public static final int MIN_REPEATS = 8;
  public static final int MAX_REPEATS = 20;
  public static final int MIN_GAP_SECONDS = 10;
  public static final int MAX_GAP_SECONDS = 60;
  public static final int NEAR_MISS_MIN_RUN = 2;
  public static final int NEAR_MISS_MAX_RUN = 3;
  public static final int NEAR_MISS_RUNS = 3;
  private static final String[] TOOLS = {"Bash", "Read", "Grep"};

  @Override
  public Pattern pattern() {
    return Pattern.LOOPING_AGENT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w =
        ctx.session(
            engineer,
            "feature/" + engineer.id() + "-loop-" + ctx.random().nextInt(10_000),
            WastePlanter.midday(ctx, engineer, day));
    String tool = TOOLS[ctx.random().nextInt(TOOLS.length)];
    String args = ctx.ids().uuid();
    long resultBytes = ToolResults.size(ctx.random(), tool);
    long input = 1_000 + ctx.random().nextInt(2_000);
    long output = 300 + ctx.random().nextInt(500);
    long context = 30_000 + ctx.random().nextInt(30_000);
    boolean planted = WastePlanter.planted(kind);
    int[] runs =
        planted ? new int[] {ctx.inRange(MIN_REPEATS, MAX_REPEATS)} : new int[NEAR_MISS_RUNS];
    if (!planted) {
      for (int i = 0; i < runs.length; i++) {
        runs[i] = ctx.inRange(NEAR_MISS_MIN_RUN, NEAR_MISS_MAX_RUN);
      }
    }
    Instant first = null;
    for (int run : runs) {
      w.userPrompt(200 + ctx.random().nextInt(600), ctx.ids().uuid());
      for (int i = 0; i < run; i++) {
        w.advanceMillis(i == 0 ? 3_000 : 1_000L * ctx.inRange(MIN_GAP_SECONDS, MAX_GAP_SECONDS));
        long in = ctx.jitter().input(input);
        long out = ctx.jitter().output(output);
        w.request("claude-sonnet-4-5", in, context, 0, out, 4_000 + ctx.random().nextInt(4_000));
        context += in + out;
        first = first == null ? w.now() : first;
        SideCalls.maybe(ctx.random(), w);
        w.advanceMillis(1_000 + ctx.random().nextInt(2_000));
        w.toolResult(
            tool, !tool.equals("Bash"), args, 300 + ctx.random().nextInt(3_000), resultBytes);
      }
      if (!planted) {
        w.advanceMillis(
            30_000 + ctx.random().nextInt(90_000)); // the engineer reads the result, then prompts
      }
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
