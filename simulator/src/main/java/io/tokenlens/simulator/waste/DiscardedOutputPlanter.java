package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * DISCARDED_OUTPUT as it happens: the agent proposes edit after edit and the engineer rejects every
 * one: {@link #MIN_EDITS} to {@link #MAX_EDITS} proposed edits, {@link #MIN_GAP_SECONDS} to {@link
 * #MAX_GAP_SECONDS} s apart, all rejected, on a branch that never gets a PR. Near-miss: an engineer
 * reviewing edits one by one as usual: as many edits, at most one in three rejected (never two of
 * any three consecutive), on a branch merged within two hours.
 */
public final class DiscardedOutputPlanter implements WastePlanter {
  public static final int MIN_EDITS = 6;
  public static final int MAX_EDITS = 12;
  public static final int MIN_GAP_SECONDS = 40;
  public static final int MAX_GAP_SECONDS = 150;

  @Override
  public Pattern pattern() {
    return Pattern.DISCARDED_OUTPUT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    boolean planted = WastePlanter.planted(kind);
    String branch =
        (planted ? "scratch/" : "feature/")
            + engineer.id()
            + "-edits-"
            + ctx.random().nextInt(10_000);
    SessionWriter w = ctx.session(engineer, branch, WastePlanter.midday(ctx, engineer, day));
    int edits = ctx.inRange(MIN_EDITS, MAX_EDITS);
    Instant first = null;
    int sinceRejection = 2;
    long context = 20_000 + ctx.random().nextInt(20_000);
    for (int i = 0; i < edits; i++) {
      w.userPrompt(100 + ctx.random().nextInt(900), ctx.ids().uuid());
      w.advanceMillis(2_000);
      long input = 900 + ctx.random().nextInt(900);
      long output = 1_500 + ctx.random().nextInt(1_500);
      w.request("claude-sonnet-4-5", input, context, i == 0 ? 18_000 : 0, output, 15_000);
      context += input + output;
      first = first == null ? w.now() : first;
      SideCalls.maybe(ctx.random(), w);
      w.advanceMillis(10_000 + ctx.random().nextInt(20_000));
      boolean reject = planted || (sinceRejection >= 2 && ctx.random().nextDouble() < 0.4);
      sinceRejection = reject ? 0 : sinceRejection + 1;
      w.decision("Edit", !reject, ctx.ids().uuid());
      if (!reject) {
        w.toolResult("Edit", true, ctx.ids().uuid(), 200, ToolResults.size(ctx.random(), "Edit"));
      }
      w.advanceMillis(1_000L * ctx.inRange(MIN_GAP_SECONDS, MAX_GAP_SECONDS) - 12_000);
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
    if (!planted) {
      WastePlanter.ship(ctx, engineer, w.repository(), branch, w.now());
    }
  }
}
