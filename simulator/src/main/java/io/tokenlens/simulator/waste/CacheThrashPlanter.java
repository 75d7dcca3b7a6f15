package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * CACHE_THRASH as it happens: the engineer keeps coming back to a large context just after the
 * prompt cache has expired: {@link #MIN_RETURNS} to {@link #MAX_RETURNS} returns, each {@link
 * #MIN_GAP_MINUTES} to {@link #MAX_GAP_MINUTES} minutes after the last request (Anthropic's cache
 * lives 5 minutes), each rewriting the whole context ({@link #MIN_CONTEXT} to {@link #MAX_CONTEXT}
 * tokens, growing) to the cache, followed by one or two quick requests that read it. Near-miss: a
 * session on such a context kept warm (next prompt within 1–4 minutes) but for one longer break,
 * after which the context is written once.
 */
public final class CacheThrashPlanter implements WastePlanter {
  public static final int MIN_RETURNS = 4;
  public static final int MAX_RETURNS = 8;
  public static final int MIN_GAP_MINUTES = 6;
  public static final int MAX_GAP_MINUTES = 15;
  public static final int MIN_CONTEXT = 40_000;
  public static final int MAX_CONTEXT = 120_000;
  static final String MODEL = "claude-sonnet-4-5";

  @Override
  public Pattern pattern() {
    return Pattern.CACHE_THRASH;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w =
        ctx.session(
            engineer,
            "feature/" + engineer.id() + "-cache-" + ctx.random().nextInt(10_000),
            WastePlanter.midday(ctx, engineer, day));
    boolean planted = WastePlanter.planted(kind);
    long[] context = {ctx.inRange(MIN_CONTEXT, MAX_CONTEXT * 3 / 4)};
    exchange(ctx, w, context, true);
    Instant first = null;
    if (planted) {
      for (int i = ctx.inRange(MIN_RETURNS, MAX_RETURNS); i > 0; i--) {
        w.advanceMillis(
            60_000L * MIN_GAP_MINUTES
                + ctx.random().nextInt(60_000 * (MAX_GAP_MINUTES - MIN_GAP_MINUTES)));
        first = first == null ? w.now() : first;
        exchange(ctx, w, context, true);
      }
    } else {
      int prompts = ctx.inRange(6, 10);
      int breakAt = ctx.inRange(2, prompts - 2);
      for (int i = 0; i < prompts; i++) {
        boolean longBreak = i == breakAt;
        w.advanceMillis(
            longBreak
                ? 600_000 + ctx.random().nextInt(900_000)
                : 60_000 + ctx.random().nextInt(180_000));
        first = first == null ? w.now() : first;
        exchange(ctx, w, context, longBreak);
      }
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }

  /**
   * A prompt and its requests: the first writes the context to the cache when it has expired, else
   * reads it.
   */
  private static void exchange(
      SimulationContext ctx, SessionWriter w, long[] context, boolean expired) {
    w.userPrompt(80 + ctx.random().nextInt(800), ctx.ids().uuid());
    int requests = ctx.inRange(1, 3);
    for (int r = 0; r < requests; r++) {
      w.advanceMillis(1_000 + ctx.random().nextInt(8_000));
      long input = 300 + ctx.random().nextInt(1_500);
      long output = 200 + ctx.random().nextInt(1_200);
      boolean write = expired && r == 0;
      w.request(
          MODEL,
          input,
          write ? 0 : context[0],
          write ? context[0] : 0,
          output,
          5_000 + ctx.random().nextInt(9_000));
      context[0] = Math.min(MAX_CONTEXT, context[0] + input + output);
      SideCalls.maybe(ctx.random(), w);
    }
  }
}
