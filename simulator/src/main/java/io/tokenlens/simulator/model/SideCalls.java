package io.tokenlens.simulator.model;

import java.util.SplittableRandom;

/**
 * Claude Code's calls to a smaller model between the conversation's own requests: a title or a
 * summary after some requests. Each is a short request of its own ({@link #MODEL}, 400–900 input
 * tokens, 20–60 output tokens, no prompt cache).
 */
public final class SideCalls {
  public static final String MODEL = "claude-haiku-4-5";

  /** Share of a conversation's requests followed by a side call. */
  public static final double AFTER_REQUEST = 0.2;

  private SideCalls() {}

  /** A side call now. */
  public static void call(SplittableRandom random, SessionWriter w) {
    w.advanceMillis(100 + random.nextInt(900));
    w.request(
        MODEL, 400 + random.nextInt(501), 0, 0, 20 + random.nextInt(41), 300 + random.nextInt(900));
  }

  /** A side call after a request, {@link #AFTER_REQUEST} of the time. */
  public static void maybe(SplittableRandom random, SessionWriter w) {
    if (random.nextDouble() < AFTER_REQUEST) {
      call(random, w);
    }
  }
}
