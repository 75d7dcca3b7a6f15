package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * LOOPING_AGENT: after one user prompt, the agent sends the same request (same model, uncached input and output:
 * the same request fingerprint) and runs the same tool with the same arguments, 8 times 30 s apart (planted) or 5
 * times (near-miss: under the 6 repeats of the threshold), with no user prompt in between.
 */
public final class LoopingAgentPlanter implements WastePlanter {
  public static final int PLANTED_REPEATS = 8;
  public static final int NEAR_MISS_REPEATS = Thresholds.LOOP_REPEATS - 1;

  @Override
  public Pattern pattern() {
    return Pattern.LOOPING_AGENT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w = ctx.session(engineer, "feature/" + engineer.id() + "-loop-" + ctx.random().nextInt(10_000),
        WastePlanter.midday(ctx, engineer, day));
    w.userPrompt(400, ctx.ids().uuid());
    String args = ctx.ids().uuid();
    long input = 1_000 + ctx.random().nextInt(2_000);
    long output = 300 + ctx.random().nextInt(500);
    int repeats = WastePlanter.planted(kind) ? PLANTED_REPEATS : NEAR_MISS_REPEATS;
    Instant first = null;
    for (int i = 0; i < repeats; i++) {
      w.advanceMillis(i == 0 ? 3_000 : 30_000);
      w.request("claude-sonnet-4-5", input, 42_000, i == 0 ? 42_000 : 0, output, 6_000);
      first = first == null ? w.now() : first;
      w.advanceMillis(2_000);
      w.toolResult("Bash", false, args, 4_000, 1_200);
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
