package io.tokenlens.simulator.waste;

import io.tokenlens.simulator.model.SessionShapes;
import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import java.time.Instant;

/**
 * RETRY_STORM as it happens: the API is overloaded and Claude Code keeps retrying: chains of
 * attempts (1, 2, 3, …, up to {@link #MAX_ATTEMPTS}, each attempt after the first a retried error)
 * add up to {@link #MIN_RETRIES} to {@link #MAX_RETRIES} retried errors within {@link
 * #MIN_SPAN_SECONDS} to {@link #MAX_SPAN_SECONDS} s, then a request succeeds. Near-miss: an
 * ordinary session that meets overload twice, 10–20 minutes apart, and gets through after one or
 * two retries each time.
 */
public final class RetryStormPlanter implements WastePlanter {
  public static final int MIN_RETRIES = 12;
  public static final int MAX_RETRIES = 30;
  public static final int MIN_SPAN_SECONDS = 90;
  public static final int MAX_SPAN_SECONDS = 240;

  /** Claude Code's default: ten retries after the first attempt. */
  public static final int MAX_ATTEMPTS = 11;

  @Override
  public Pattern pattern() {
    return Pattern.RETRY_STORM;
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    SessionWriter w =
        ctx.session(
            engineer,
            "feature/" + engineer.id() + "-retry-" + ctx.random().nextInt(10_000),
            WastePlanter.midday(ctx, engineer, day));
    w.userPrompt(300, ctx.ids().uuid());
    w.advanceMillis(2_000);
    Instant first = w.now();
    Instant last;
    if (WastePlanter.planted(kind)) {
      int retries = ctx.inRange(MIN_RETRIES, MAX_RETRIES);
      long gapMillis = 1_000L * ctx.inRange(MIN_SPAN_SECONDS, MAX_SPAN_SECONDS) / (retries + 2);
      int chainLength = 0;
      int retried = 0;
      while (retried < retries) {
        int attempt = chainLength == 0 ? 1 : chainLength + 1;
        w.error(
            "claude-opus-4-1", "overloaded_error", 529, attempt, 300 + ctx.random().nextInt(900));
        retried += attempt > 1 ? 1 : 0;
        chainLength = attempt == MAX_ATTEMPTS || ctx.random().nextDouble() < 0.15 ? 0 : attempt;
        w.advanceMillis(gapMillis / 2 + ctx.random().nextLong(gapMillis));
      }
      last = w.now();
      w.request("claude-opus-4-1", 1_200, 30_000, 0, 600, 9_000);
    } else {
      first = null;
      for (int overload = 0; overload < 2; overload++) {
        int retries = ctx.inRange(1, 2);
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
          w.error(
              "claude-opus-4-1", "overloaded_error", 529, attempt, 300 + ctx.random().nextInt(900));
          first = first == null ? w.now() : first;
          w.advanceMillis(2_000 + ctx.random().nextInt(6_000));
        }
        SessionShapes.interactive(ctx, w, ctx.inRange(2, 4));
        w.advanceMillis(600_000 + ctx.random().nextInt(600_000));
      }
      last = w.now();
    }
    WastePlanter.label(ctx, pattern(), engineer, w.sessionId(), first, last, kind);
    WastePlanter.ship(ctx, engineer, w.repository(), w.branch(), w.now());
  }
}
