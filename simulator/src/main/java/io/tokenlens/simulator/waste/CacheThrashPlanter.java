package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * CACHE_THRASH: the engineer comes back to a large context every 7–9 minutes, after the 5-minute cache lifetime,
 * so each request writes the 60k-token context to the cache again instead of reading it. Planted: 5 such writes;
 * near-miss: 2 (under the 3 that make it "repeated").
 */
public final class CacheThrashPlanter implements WastePlanter {
  public static final int PLANTED_WRITES = 5;
  public static final int NEAR_MISS_WRITES = Thresholds.CACHE_REPEATS - 1;
  public static final long WRITE_TOKENS = 60_000;

  @Override
  public Pattern pattern() {
    return Pattern.CACHE_THRASH;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w = ctx.session(engineer, "feature/" + engineer.id() + "-cache-" + ctx.random().nextInt(10_000),
        WastePlanter.midday(ctx, engineer, day));
    int writes = 1 + (WastePlanter.planted(kind) ? PLANTED_WRITES : NEAR_MISS_WRITES);
    Instant first = null;
    for (int i = 0; i < writes; i++) {
      if (i > 0) {
        w.advance(Thresholds.CACHE_TTL.plusSeconds(120 + ctx.random().nextInt(120)));
      }
      w.userPrompt(150, ctx.ids().uuid());
      w.advanceMillis(1_000);
      w.request("claude-sonnet-4-5", 800, 2_000, WRITE_TOKENS + ctx.random().nextInt(2_000), 500, 7_000);
      if (i == 1) {
        first = w.now();
      }
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
