package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import java.time.Duration;
import java.time.Instant;

/**
 * DUPLICATE_GENERATION as it happens: the engineer throws the result away and asks again in a fresh
 * session, {@link #MIN_SESSIONS} to {@link #MAX_SESSIONS} times, {@link #MIN_GAP_MINUTES} to {@link
 * #MAX_GAP_MINUTES} minutes apart: the same prompt (length, and text when prompts are logged) on
 * the same starting context (the discarded attempt left the working tree as it was), so the first
 * request's input is the same each time, while its output varies by a few percent ({@code Jitter}).
 * Near-miss: the same prompt sent twice or three times in an hour (a crashed terminal, a second
 * try).
 */
public final class DuplicateGenerationPlanter implements WastePlanter {
  public static final int MIN_SESSIONS = 6;
  public static final int MAX_SESSIONS = 12;
  public static final int MIN_GAP_MINUTES = 2;
  public static final int MAX_GAP_MINUTES = 8;

  @Override
  public Pattern pattern() {
    return Pattern.DUPLICATE_GENERATION;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    String prompt = ctx.ids().uuid();
    int promptLength = 200 + ctx.random().nextInt(2_000);
    long input = 2_000 + ctx.random().nextInt(3_000);
    long context = 12_000 + ctx.random().nextInt(6_000);
    long output = 1_500 + ctx.random().nextInt(2_000);
    String branch = "feature/" + engineer.id() + "-gen-" + ctx.random().nextInt(10_000);
    Instant start = WastePlanter.midday(ctx, engineer, day);
    int sessions =
        WastePlanter.planted(kind) ? ctx.inRange(MIN_SESSIONS, MAX_SESSIONS) : ctx.inRange(2, 3);
    long maxGap = WastePlanter.planted(kind) ? MAX_GAP_MINUTES : 20;
    Instant at = start;
    Instant last = start;
    for (int i = 0; i < sessions; i++) {
      SessionWriter w = ctx.session(engineer, branch, at);
      w.userPrompt(promptLength, prompt);
      w.advanceMillis(1_500);
      w.request("claude-sonnet-4-5", input, 0, context, ctx.jitter().output(output), 25_000);
      last = w.now();
      SideCalls.maybe(ctx.random(), w);
      w.advanceMillis(3_000);
      w.decision("Write", true, ctx.ids().uuid());
      w.toolResult("Write", true, ctx.ids().uuid(), 150, ToolResults.size(ctx.random(), "Write"));
      at =
          at.plus(
              Duration.ofSeconds(
                  60L * MIN_GAP_MINUTES + ctx.random().nextLong(60L * (maxGap - MIN_GAP_MINUTES))));
    }
    WastePlanter.label(ctx, pattern(), engineer, null, start, last, kind);
    WastePlanter.ship(ctx, engineer, engineer.repository(), branch, last);
  }
}
