package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * DISCARDED_OUTPUT (at least {@link Thresholds#DISCARD_DECISIONS} edit decisions within
 * {@link Thresholds#DISCARD_WINDOW} in a session, at least {@link Thresholds#DISCARD_REJECTED_SHARE} of them
 * rejected): the agent proposes edits and the engineer rejects them. Planted: 6 proposed edits about 80 s apart, all
 * rejected, on a branch that never gets a PR (so the output also never reaches a PR). Near-miss: 8 proposed edits,
 * every other one rejected (no five consecutive decisions reach the share), on a branch that gets a PR within two
 * hours and is merged.
 */
public final class DiscardedOutputPlanter implements WastePlanter {
  public static final int PLANTED_EDITS = 6;
  public static final int NEAR_MISS_EDITS = 8;

  @Override
  public Pattern pattern() {
    return Pattern.DISCARDED_OUTPUT;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    boolean planted = WastePlanter.planted(kind);
    String branch = (planted ? "scratch/" : "feature/") + engineer.id() + "-edits-" + ctx.random().nextInt(10_000);
    SessionWriter w = ctx.session(engineer, branch, WastePlanter.midday(ctx, engineer, day));
    int edits = planted ? PLANTED_EDITS : NEAR_MISS_EDITS;
    Instant first = null;
    for (int i = 0; i < edits; i++) {
      w.userPrompt(300, ctx.ids().uuid());
      w.advanceMillis(2_000);
      w.request("claude-sonnet-4-5", 900 + ctx.random().nextInt(900), 25_000 + 2_000L * i, i == 0 ? 18_000 : 0,
          1_800 + ctx.random().nextInt(600), 15_000);
      first = first == null ? w.now() : first;
      w.advanceMillis(20_000);
      w.decision("Edit", !planted && i % 2 == 0, ctx.ids().uuid());
      w.advanceMillis(60_000);
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, w.now(), kind);
    if (!planted) {
      WastePlanter.ship(ctx, engineer, w.repository(), branch, w.now());
    }
  }
}
