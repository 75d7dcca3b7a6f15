package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import java.time.Instant;
import java.time.LocalTime;

/**
 * Look-alike of OVERNIGHT_PADDING: an incident on the infra service pages the on-call engineer at
 * 02:00 local time; they work on a hotfix with the agent for two hours, attended (a prompt every
 * few minutes), well over 200k tokens (on Haiku: the hotfix's AI cost stays low, so later infra
 * incidents that link to it are no AI-heavy-PR incident), and open and merge the fix within the
 * hour after.
 */
public final class OnCallNightLookAlike implements WastePlanter {

  @Override
  public Pattern pattern() {
    return Pattern.OVERNIGHT_PADDING;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    Instant paged = engineer.localTime(day, LocalTime.of(2, 0));
    IncidentAfterHeavyPrPlanter.incident(ctx, Organisation.service(Organisation.INFRA), paged);
    SessionWriter w =
        ctx.session(
            engineer,
            Organisation.INFRA,
            "hotfix/" + engineer.id() + "-" + ctx.random().nextInt(10_000),
            paged.plusSeconds(600));
    Instant first = null;
    for (int i = 0; i < 30; i++) {
      w.userPrompt(100 + ctx.random().nextInt(600), ctx.ids().uuid());
      w.advanceMillis(2_000);
      w.request(
          "claude-haiku-4-5",
          1_500 + ctx.random().nextInt(2_000),
          i == 0 ? 0 : 5_000 + 100L * i,
          i == 0 ? 5_000 : 0,
          1_500 + ctx.random().nextInt(2_000),
          6_000);
      first = first == null ? w.now() : first;
      w.advanceMillis(3_000);
      String tool = ctx.tool();
      w.toolResult(tool, true, ctx.ids().uuid(), 800, ToolResults.size(ctx.random(), tool));
      w.advanceMillis(150_000 + ctx.random().nextInt(60_000));
    }
    WastePlanter.label(
        ctx, pattern(), engineer, w.sessionId(), first, w.now(), LabelKind.LOOK_ALIKE);
    WastePlanter.ship(ctx, engineer, Organisation.INFRA, w.branch(), w.now().minusSeconds(1_500));
  }
}
