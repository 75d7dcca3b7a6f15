package io.tokenlens.simulator.model;

import java.util.SplittableRandom;

/**
 * The size of a tool's result ({@code tool_result_size_bytes}), drawn per call: reading another
 * file or grepping another pattern returns another size (log-uniform over each tool's range); the
 * same call on an unchanged state returns the same size, so a caller repeating a call reuses the
 * size it drew.
 */
public final class ToolResults {
  private ToolResults() {}

  /** A fresh call's result size in bytes. */
  public static long size(SplittableRandom random, String tool) {
    return switch (tool) {
      case "Read" -> logUniform(random, 400, 80_000);
      case "Grep", "Glob" -> logUniform(random, 60, 16_000);
      case "Bash" -> logUniform(random, 40, 30_000);
      case "Edit", "MultiEdit", "Write" -> logUniform(random, 80, 900);
      default -> logUniform(random, 100, 10_000);
    };
  }

  static long logUniform(SplittableRandom random, long min, long max) {
    double lo = Math.log(min);
    double hi = Math.log(max);
    return Math.round(Math.exp(lo + random.nextDouble() * (hi - lo)));
  }
}
