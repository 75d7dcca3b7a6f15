package io.tokenlens.simulator.model;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic identifiers drawn from the simulation's random stream. */
public final class Ids {
  private final SplittableRandom random;

  public Ids(SplittableRandom random) {
    this.random = random;
  }

  public String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** A 40-hex git SHA. */
  public String sha() {
    return String.format(
        Locale.ROOT, "%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
  }

  /** {@code bytes} random bytes as hex (trace and span ids). */
  public String hex(int bytes) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      s.append(String.format(Locale.ROOT, "%02x", random.nextInt(256)));
    }
    return s.toString();
  }
}
