package io.tokenlens.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's stages, announced as they start ({@code [2/6] services}) and timed; the timings
 * printed at the end.
 */
final class Stages {
  /** One stage's work. */
  @FunctionalInterface
  interface Stage<T> {
    T run() throws Exception;
  }

  private final PrintStream out;
  private final int total;
  private final Map<String, Duration> timings = new LinkedHashMap<>();

  Stages(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  <T> T run(String name, String what, Stage<T> stage) throws Exception {
    out.printf(Locale.ROOT, "%n[%d/%d] %s: %s%n", timings.size() + 1, total, name, what);
    long begin = System.nanoTime();
    try {
      return stage.run();
    } finally {
      timings.put(name, Duration.ofNanos(System.nanoTime() - begin));
    }
  }

  Map<String, Duration> timings() {
    return Map.copyOf(timings);
  }

  /** One line: each stage's time and the total. */
  String summary() {
    StringBuilder b = new StringBuilder("stage times:");
    Duration sum = Duration.ZERO;
    for (Map.Entry<String, Duration> e : timings.entrySet()) {
      b.append(
          String.format(Locale.ROOT, " %s %.1f s,", e.getKey(), e.getValue().toMillis() / 1000.0));
      sum = sum.plus(e.getValue());
    }
    return b.append(String.format(Locale.ROOT, " total %.1f s", sum.toMillis() / 1000.0))
        .toString();
  }
}
