package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;
import java.time.LocalTime;

/**
 * OVERNIGHT_PADDING as it happens: between 00:10 and 01:30 local time the engineer starts an agent
 * on a spike branch that never gets a PR and leaves it running: it works unattended for {@link
 * #MIN_HOURS} to {@link #MAX_HOURS} hours, a request every 1–4 minutes on a context of 20–60k
 * tokens growing turn by turn (read from the cache), using tools of every kind — millions of
 * tokens, hundreds of thousands even without the cache reads. Near-miss: a small task left running
 * at night: Haiku requests every 4–6 minutes for 45–75 minutes on a context under 8k tokens, under
 * 60k tokens after its first half hour, however counted.
 */
public final class OvernightPaddingPlanter implements WastePlanter {
  public static final int MIN_HOURS = 2;
  public static final int MAX_HOURS = 5;

  @Override
  public Pattern pattern() {
    return Pattern.OVERNIGHT_PADDING;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    boolean planted = WastePlanter.planted(kind);
    LocalTime startedAt = LocalTime.of(0, 10).plusMinutes(ctx.random().nextInt(80));
    SessionWriter w =
        ctx.session(
            engineer,
            "spike/" + engineer.id() + "-night-" + ctx.random().nextInt(10_000),
            engineer.localTime(day, startedAt));
    w.userPrompt(300 + ctx.random().nextInt(1_500), ctx.ids().uuid());
    Instant until =
        w.now()
            .plusSeconds(
                planted
                    ? 3_600L * MIN_HOURS + ctx.random().nextInt(3_600 * (MAX_HOURS - MIN_HOURS))
                    : 2_700 + ctx.random().nextInt(1_800));
    String model = planted ? "claude-sonnet-4-5" : "claude-haiku-4-5";
    long context =
        planted ? 20_000 + ctx.random().nextInt(40_000) : 3_000 + ctx.random().nextInt(2_000);
    long contextCap = planted ? 140_000 : 8_000;
    Instant first = null;
    for (int i = 0; w.now().isBefore(until); i++) {
      w.advanceMillis(
          planted
              ? 60_000 + ctx.random().nextInt(180_000)
              : 240_000 + ctx.random().nextInt(120_000));
      long input = planted ? 1_000 + ctx.random().nextInt(3_000) : 300 + ctx.random().nextInt(500);
      long output = planted ? 500 + ctx.random().nextInt(2_500) : 100 + ctx.random().nextInt(300);
      w.request(
          model,
          input,
          i == 0 ? 0 : context,
          i == 0 ? context : 0,
          output,
          8_000 + ctx.random().nextInt(20_000));
      first = first == null ? w.now() : first;
      context = Math.min(contextCap, context + input + output);
      SideCalls.maybe(ctx.random(), w);
      w.advanceMillis(3_000 + ctx.random().nextInt(5_000));
      String tool = ctx.tool();
      w.toolResult(
          tool,
          true,
          ctx.ids().uuid(),
          500 + ctx.random().nextInt(5_000),
          ToolResults.size(ctx.random(), tool));
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
  }
}
