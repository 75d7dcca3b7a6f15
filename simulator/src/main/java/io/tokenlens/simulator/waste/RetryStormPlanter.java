package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * RETRY_STORM: a session hits overload and Claude Code retries. Planted: two retry chains of attempts 1..7, 15 s
 * apart (14 errors, 12 of them retries, in 3.5 minutes). Near-miss: chains 1..5 and 1..4 (9 errors, 7 retries:
 * under 10 whether or not first attempts count).
 */
public final class RetryStormPlanter implements WastePlanter {

  @Override
  public Pattern pattern() {
    return Pattern.RETRY_STORM;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w = ctx.session(engineer, "feature/" + engineer.id() + "-retry-" + ctx.random().nextInt(10_000),
        WastePlanter.midday(ctx, engineer, day));
    w.userPrompt(300, ctx.ids().uuid());
    w.advanceMillis(2_000);
    int[] chains = WastePlanter.planted(kind) ? new int[] {7, 7} : new int[] {5, 4};
    Instant first = w.now();
    for (int chain : chains) {
      for (int attempt = 1; attempt <= chain; attempt++) {
        w.error("claude-opus-4-1", "overloaded_error", 529, attempt, 400);
        w.advanceMillis(15_000);
      }
    }
    Instant last = w.now().minusMillis(15_000);
    w.request("claude-opus-4-1", 1_200, 30_000, 0, 600, 9_000);
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, last, kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
