package io.tokenlens.streams.notify;

import java.time.Duration;

/** Exponential backoff: the initial wait, doubled per attempt up to the cap. */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private int attempts;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  Duration next() {
    long millis = initial.toMillis() << Math.min(attempts, 20);
    attempts++;
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  int attempts() {
    return attempts;
  }
}
