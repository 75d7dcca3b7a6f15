package io.tokenlens.bench.ingest;

import io.tokenlens.bench.BenchArgs;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@code ./tokenlens bench ingest}.
 *
 * @param seconds length of each measurement (after a 2 s warm-up)
 * @param threads client threads sending requests
 */
public record IngestOptions(int seconds, int threads) {

  public static final String USAGE =
      """
      usage: ./tokenlens bench ingest [options]
        --seconds SECONDS  length of each measurement, after a 2 s warm-up (default 15)
        --threads N        client threads sending requests (default 8)""";

  /** Parses {@code --name value} pairs; throws with every problem found. */
  public static IngestOptions parse(List<String> args) {
    BenchArgs r =
        BenchArgs.parse(args, Map.of("seconds", "15", "threads", "8"), Set.of(), Set.of());
    int seconds = r.intIn("seconds", 1, 3_600);
    int threads = r.intIn("threads", 1, 256);
    r.check(USAGE);
    return new IngestOptions(seconds, threads);
  }
}
