package io.tokenlens.simulator.model;

import java.util.SplittableRandom;

/**
 * The normal shapes of work in a session. Interactive: a user prompt, one to four model requests
 * each followed by a tool result (and a decision for edits), think time, the next prompt. Agentic:
 * one prompt, then a longer run of requests and tools. Gaps stay under the five-minute cache
 * lifetime, contexts under {@link TokenSplit}'s cap, fingerprints vary, edits are mostly accepted,
 * and an occasional overloaded error is retried once. Some requests are followed by a side call to
 * a smaller model ({@link SideCalls}); tool results have the sizes of their calls ({@link
 * ToolResults}).
 */
public final class SessionShapes {
  private SessionShapes() {}

  public static void interactive(SimulationContext ctx, SessionWriter w, int prompts) {
    SplittableRandom r = ctx.random();
    TokenSplit split = new TokenSplit(r);
    String model = ctx.claudeModel();
    for (int p = 0; p < prompts; p++) {
      w.userPrompt(20 + r.nextInt(1_500), ctx.ids().uuid());
      int turns = 1 + r.nextInt(4);
      for (int t = 0; t < turns; t++) {
        w.advanceMillis(800 + r.nextInt(3_000));
        turn(ctx, w, split, model);
      }
      w.advanceMillis(40_000 + r.nextInt(180_000)); // think time, under the cache lifetime
    }
  }

  public static void agentic(SimulationContext ctx, SessionWriter w, int steps) {
    agentic(ctx, w, steps, ctx.claudeModel());
  }

  /** An agentic session on {@code model}. */
  public static void agentic(SimulationContext ctx, SessionWriter w, int steps, String model) {
    agentic(ctx, w, steps, model, false);
  }

  /** An agentic session whose edits are accepted without review (an accept-edits mode). */
  public static void unattended(SimulationContext ctx, SessionWriter w, int steps) {
    agentic(ctx, w, steps, ctx.claudeModel(), true);
  }

  private static void agentic(
      SimulationContext ctx, SessionWriter w, int steps, String model, boolean acceptAll) {
    SplittableRandom r = ctx.random();
    TokenSplit split = new TokenSplit(r);
    w.userPrompt(200 + r.nextInt(3_000), ctx.ids().uuid());
    for (int s = 0; s < steps; s++) {
      w.advanceMillis(2_000 + r.nextInt(25_000));
      turn(ctx, w, split, model, acceptAll);
    }
  }

  private static void turn(SimulationContext ctx, SessionWriter w, TokenSplit split, String model) {
    turn(ctx, w, split, model, false);
  }

  private static void turn(
      SimulationContext ctx, SessionWriter w, TokenSplit split, String model, boolean acceptAll) {
    SplittableRandom r = ctx.random();
    if (r.nextDouble() < 0.02) {
      w.error(model, "overloaded_error", 529, 1, 300 + r.nextInt(1_500));
      w.advanceMillis(1_000 + r.nextInt(2_000));
    }
    long[] t = split.next();
    w.request(model, t[0], t[1], t[2], t[3], 1_500 + r.nextInt(20_000));
    SideCalls.maybe(r, w);
    String tool = ctx.tool();
    w.advanceMillis(200 + r.nextInt(4_000));
    String args = ctx.ids().uuid();
    if (tool.equals("Edit") || tool.equals("Write")) {
      w.decision(tool, r.nextDouble() < 0.93 || acceptAll, args);
      w.advanceMillis(500 + r.nextInt(5_000));
    }
    w.toolResult(
        tool, r.nextDouble() < 0.96, args, 50 + r.nextInt(4_000), ToolResults.size(r, tool));
  }
}
