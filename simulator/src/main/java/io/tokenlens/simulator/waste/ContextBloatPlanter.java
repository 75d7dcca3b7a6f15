package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * CONTEXT_BLOAT as it happens: an agent drags an ever-growing context through request after request
 * that produce almost nothing: {@link #MIN_REQUESTS} to {@link #MAX_REQUESTS} consecutive requests
 * of more than {@link #MIN_INPUT_TOKENS} input tokens (uncached input, cache reads and writes; the
 * cache reads alone exceed it), each answered with output under {@link #MAX_OUTPUT_SHARE} of its
 * input, reading a different file each time (sizes drawn per file), with side calls to a smaller
 * model every few requests. Near-miss: the same large context, but the agent does real work: runs
 * of 3–5 such requests broken each time by a request that writes code (output of 3–5% of the
 * input).
 */
public final class ContextBloatPlanter implements WastePlanter {
  public static final int MIN_REQUESTS = 11;
  public static final int MAX_REQUESTS = 25;
  public static final long MIN_INPUT_TOKENS = 170_000;
  public static final double MAX_OUTPUT_SHARE = 0.006;
  static final String MODEL = "claude-sonnet-4-5";

  @Override
  public Pattern pattern() {
    return Pattern.CONTEXT_BLOAT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w =
        ctx.session(
            engineer,
            "feature/" + engineer.id() + "-bloat-" + ctx.random().nextInt(10_000),
            WastePlanter.midday(ctx, engineer, day));
    w.userPrompt(600, ctx.ids().uuid());
    boolean planted = WastePlanter.planted(kind);
    long[] context = {MIN_INPUT_TOKENS + 1_000 + ctx.random().nextInt(8_000)};
    Instant first = null;
    if (planted) {
      int requests = ctx.inRange(MIN_REQUESTS, MAX_REQUESTS);
      int nextSideCall = ctx.inRange(2, 4);
      for (int i = 0; i < requests; i++) {
        bloated(ctx, w, context);
        first = first == null ? w.now() : first;
        if (i == nextSideCall) {
          SideCalls.call(ctx.random(), w);
          nextSideCall += ctx.inRange(2, 4);
        }
        read(ctx, w);
      }
    } else {
      int runs = ctx.inRange(2, 3);
      for (int run = 0; run < runs; run++) {
        for (int i = ctx.inRange(3, 5); i > 0; i--) {
          bloated(ctx, w, context);
          first = first == null ? w.now() : first;
          SideCalls.maybe(ctx.random(), w);
          read(ctx, w);
        }
        w.advanceMillis(20_000 + ctx.random().nextInt(40_000));
        long input = 1_000 + ctx.random().nextInt(2_000);
        long total = input + context[0];
        long output = Math.round(total * (0.03 + 0.02 * ctx.random().nextDouble()));
        w.request(MODEL, input, context[0], 0, output, 60_000 + ctx.random().nextInt(60_000));
        context[0] += input + output;
        w.advanceMillis(2_000);
        w.decision("Edit", true, ctx.ids().uuid());
        w.toolResult("Edit", true, ctx.ids().uuid(), 200, ToolResults.size(ctx.random(), "Edit"));
      }
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }

  /** A request on the whole context that produces almost nothing. */
  private static void bloated(SimulationContext ctx, SessionWriter w, long[] context) {
    w.advanceMillis(20_000 + ctx.random().nextInt(40_000));
    long input = 300 + ctx.random().nextInt(2_200);
    long total = input + context[0];
    long output =
        Math.max(
            40, Math.round(total * MAX_OUTPUT_SHARE * (0.15 + 0.8 * ctx.random().nextDouble())));
    w.request(MODEL, input, context[0], 0, output, 20_000 + ctx.random().nextInt(20_000));
    context[0] += input + output;
  }

  /** The agent reads another file. */
  private static void read(SimulationContext ctx, SessionWriter w) {
    w.advanceMillis(1_000);
    w.toolResult(
        "Read",
        true,
        ctx.ids().uuid(),
        100 + ctx.random().nextInt(400),
        ToolResults.size(ctx.random(), "Read"));
  }
}
