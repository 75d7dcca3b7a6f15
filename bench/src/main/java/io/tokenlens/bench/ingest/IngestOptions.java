package io.tokenlens.bench.ingest;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.util.List;

/**
 * Options of {@code ./tokenlens bench ingest}.
 *
 * @param seconds length of each measurement (after a 2 s warm-up)
 * @param threads client threads sending requests
 */
public record IngestOptions(int seconds, int threads) {

  public static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens bench ingest [options]")
          .option("seconds", "SECONDS", "length of each measurement, after a 2 s warm-up", "15")
          .option("threads", "N", "client threads sending requests", "8");

  /** Parses {@code --name value} pairs; throws with every problem found. */
  public static IngestOptions parse(List<String> args) {
    Arguments r = COMMAND_LINE.parse(args);
    int seconds = r.intBetween("seconds", 1, 3_600);
    int threads = r.intBetween("threads", 1, 256);
    r.throwIfInvalid();
    return new IngestOptions(seconds, threads);
  }
}
