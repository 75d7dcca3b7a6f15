package io.tokenlens.bench.streams;

import io.tokenlens.bench.BenchArgs;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@code ./tokenlens bench streams}.
 *
 * @param engineers the organisation sizes, one run each
 * @param events token events pre-produced for each run
 * @param maxSeconds bound of each run's wait for the enriched events
 */
public record EnrichmentOptions(List<Integer> engineers, int events, int maxSeconds) {

  public static final String USAGE =
      """
      usage: ./tokenlens bench streams [options]
        --engineers N,N...     organisation sizes, one run each (default 10000,100000)
        --events N             token events per run (default 300000)
        --max-seconds SECONDS  bound of each run's wait for the enriched events (default 240)""";

  /** Parses {@code --name value} pairs; throws with every problem found. */
  public static EnrichmentOptions parse(List<String> args) {
    BenchArgs r =
        BenchArgs.parse(
            args,
            Map.of("engineers", "10000,100000", "events", "300000", "max-seconds", "240"),
            Set.of(),
            Set.of());
    List<Integer> engineers = r.intsIn("engineers", 1, 10_000_000);
    int events = r.intIn("events", 1, 100_000_000);
    int maxSeconds = r.intIn("max-seconds", 1, 3_600);
    r.check(USAGE);
    return new EnrichmentOptions(engineers, events, maxSeconds);
  }
}
