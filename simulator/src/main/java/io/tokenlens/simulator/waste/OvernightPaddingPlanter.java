package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;
import java.time.LocalTime;

/**
 * OVERNIGHT_PADDING: at 00:40 local time the engineer starts an agent on a spike branch that never gets a PR and
 * leaves; from 01:15 it runs unattended, one request every two minutes. Planted: 75 requests of 4,000 uncached
 * input and output tokens each (300k even without counting cache reads). Near-miss: 30 requests of 5,500 tokens of
 * every kind (165k, under 200k however counted).
 */
public final class OvernightPaddingPlanter implements WastePlanter {

  @Override
  public Pattern pattern() {
    return Pattern.OVERNIGHT_PADDING;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    boolean planted = WastePlanter.planted(kind);
    SessionWriter w = ctx.session(engineer, "spike/" + engineer.id() + "-night-" + ctx.random().nextInt(10_000),
        engineer.localTime(day, LocalTime.of(0, 40)));
    w.userPrompt(900, ctx.ids().uuid());
    w.advance(Thresholds.UNATTENDED_AFTER.plusMinutes(5));
    Instant start = w.now();
    int requests = planted ? 75 : 30;
    for (int i = 0; i < requests; i++) {
      if (planted) {
        w.request("claude-sonnet-4-5", 2_500 + ctx.random().nextInt(100), 30_000, i == 0 ? 20_000 : 0,
            1_500 + ctx.random().nextInt(100), 20_000);
      } else {
        w.request("claude-haiku-4-5", 1_500, i == 0 ? 0 : 3_000, i == 0 ? 3_000 : 0, 1_000, 8_000);
      }
      w.advanceMillis(5_000);
      w.toolResult(ctx.tool(), true, ctx.ids().uuid(), 1_000, 4_000);
      w.advanceMillis(115_000);
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), start, w.now(), kind);
  }
}
