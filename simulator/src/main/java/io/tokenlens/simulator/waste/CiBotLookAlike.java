package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Duration;
import java.time.Instant;

/**
 * Look-alike of DUPLICATE_GENERATION (and of a loop): the CI account runs the agent headless on
 * every pipeline, every 4–8 minutes from 06:00 to 20:00 UTC, each run a fresh session with the same
 * prompt and the same short request (its answer a few percent longer or shorter), by design. The
 * engineer is the CI bot (the organisation's {@code ciBot}).
 */
public final class CiBotLookAlike implements WastePlanter {

  @Override
  public Pattern pattern() {
    return Pattern.DUPLICATE_GENERATION;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer bot, Instant day, LabelKind kind) {
    String prompt = ctx.ids().uuid();
    Instant at = bot.localTime(day, java.time.LocalTime.of(6, 0));
    Instant until = bot.localTime(day, java.time.LocalTime.of(20, 0));
    Instant first = at;
    Instant last = at;
    while (at.isBefore(until)) {
      SessionWriter w = ctx.session(bot, "main", at);
      w.userPrompt(180, prompt);
      w.advanceMillis(1_000);
      w.request("claude-haiku-4-5", 850, 0, 0, ctx.jitter().output(120), 1_800);
      last = w.now();
      at = at.plus(Duration.ofSeconds(240 + ctx.random().nextInt(240)));
    }
    WastePlanter.label(ctx, pattern(), bot, null, first, last, LabelKind.LOOK_ALIKE);
  }
}
