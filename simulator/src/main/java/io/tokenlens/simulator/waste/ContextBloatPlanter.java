package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * CONTEXT_BLOAT: an agent drags an ever-growing context: consecutive requests of 160–190k input tokens (counted as
 * uncached input plus cache reads and writes; even the cache reads alone exceed 150k) each answered with output
 * under 0.5% of the input. Planted: 12 in a row; near-miss: 9 in a row, then a request with a compacted context.
 */
public final class ContextBloatPlanter implements WastePlanter {
  public static final int PLANTED_REQUESTS = 12;
  public static final int NEAR_MISS_REQUESTS = Thresholds.BLOAT_REQUESTS - 1;

  @Override
  public Pattern pattern() {
    return Pattern.CONTEXT_BLOAT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w = ctx.session(engineer, "feature/" + engineer.id() + "-bloat-" + ctx.random().nextInt(10_000),
        WastePlanter.midday(ctx, engineer, day));
    w.userPrompt(600, ctx.ids().uuid());
    int requests = WastePlanter.planted(kind) ? PLANTED_REQUESTS : NEAR_MISS_REQUESTS;
    Instant first = null;
    for (int i = 0; i < requests; i++) {
      w.advanceMillis(20_000 + ctx.random().nextInt(40_000));
      long read = 155_000 + 3_000L * i + ctx.random().nextInt(2_000);
      w.request("claude-sonnet-4-5", 1_500, read, 0, 200 + ctx.random().nextInt(500), 30_000);
      first = first == null ? w.now() : first;
      w.advanceMillis(1_000);
      w.toolResult("Read", true, ctx.ids().uuid(), 300, 60_000);
    }
    Instant last = w.now();
    if (!WastePlanter.planted(kind)) {
      w.advanceMillis(30_000);
      w.request("claude-sonnet-4-5", 1_500, 60_000, 20_000, 1_200, 12_000);
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, last, kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
