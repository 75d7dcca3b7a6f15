package io.tokenlens.bench.sink;

import io.tokenlens.bench.BenchArgs;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@code ./tokenlens bench sink}.
 *
 * @param rows rows of the sink-versus-bulk-load comparison
 * @param rate events/s of the latency measurement
 * @param seconds length of the latency measurement
 */
public record SinkOptions(int rows, int rate, int seconds) {

  public static final String USAGE =
      """
      usage: ./tokenlens bench sink [options]
        --rows N           rows of the sink-versus-bulk-load comparison (default 200000)
        --rate EVENTS      events/s of the latency measurement (default 5000)
        --seconds SECONDS  length of the latency measurement (default 20)""";

  /** Parses {@code --name value} pairs; throws with every problem found. */
  public static SinkOptions parse(List<String> args) {
    BenchArgs r =
        BenchArgs.parse(
            args, Map.of("rows", "200000", "rate", "5000", "seconds", "20"), Set.of(), Set.of());
    int rows = r.intIn("rows", 1_000, 5_000_000);
    int rate = r.intIn("rate", 1, 1_000_000);
    int seconds = r.intIn("seconds", 1, 3_600);
    r.check(USAGE);
    return new SinkOptions(rows, rate, seconds);
  }
}
