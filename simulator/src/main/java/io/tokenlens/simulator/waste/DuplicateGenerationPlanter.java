package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Duration;
import java.time.Instant;

/**
 * DUPLICATE_GENERATION: the engineer starts a fresh session every 9 minutes with the same prompt, whose first
 * request is identical (same model, uncached input and output: the same request fingerprint; the same prompt hash
 * when prompt logging is on). Planted: 6 sessions within 45 minutes; near-miss: 4 (under 5).
 */
public final class DuplicateGenerationPlanter implements WastePlanter {
  public static final int PLANTED_SESSIONS = 6;
  public static final int NEAR_MISS_SESSIONS = Thresholds.DUPLICATE_REPEATS - 1;

  @Override
  public Pattern pattern() {
    return Pattern.DUPLICATE_GENERATION;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    String prompt = ctx.ids().uuid();
    long input = 2_000 + ctx.random().nextInt(3_000);
    long output = 1_500 + ctx.random().nextInt(2_000);
    String branch = "feature/" + engineer.id() + "-gen-" + ctx.random().nextInt(10_000);
    Instant start = WastePlanter.midday(ctx, engineer, day);
    int sessions = WastePlanter.planted(kind) ? PLANTED_SESSIONS : NEAR_MISS_SESSIONS;
    Instant last = start;
    for (int i = 0; i < sessions; i++) {
      SessionWriter w = ctx.session(engineer, branch, start.plus(Duration.ofMinutes(9L * i)));
      w.userPrompt(1_200, prompt);
      w.advanceMillis(1_500);
      w.request("claude-sonnet-4-5", input, 0, 14_000, output, 25_000);
      last = w.now();
      w.advanceMillis(3_000);
      w.decision("Write", true, ctx.ids().uuid());
    }
    WastePlanter.label(ctx, pattern(), engineer, null, start, last, kind);
    WastePlanter.ship(ctx, engineer, engineer.repository(), branch, last);
  }
}
