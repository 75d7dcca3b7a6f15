package io.tokenlens.bench.streams;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.util.List;

/**
 * Options of {@code ./tokenlens bench streams}.
 *
 * @param engineers the organisation sizes, one run each
 * @param events token events pre-produced for each run
 * @param maxSeconds bound of each run's wait for the enriched events
 */
public record EnrichmentOptions(List<Integer> engineers, int events, int maxSeconds) {

  public static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens bench streams [options]")
          .option("engineers", "N,N...", "organisation sizes, one run each", "10000,100000")
          .option("events", "N", "token events per run", "300000")
          .option(
              "max-seconds", "SECONDS", "bound of each run's wait for the enriched events", "240");

  /** Parses {@code --name value} pairs; throws with every problem found. */
  public static EnrichmentOptions parse(List<String> args) {
    Arguments r = COMMAND_LINE.parse(args);
    List<Integer> engineers = r.intsBetween("engineers", 1, 10_000_000);
    int events = r.intBetween("events", 1, 100_000_000);
    int maxSeconds = r.intBetween("max-seconds", 1, 3_600);
    r.throwIfInvalid();
    return new EnrichmentOptions(engineers, events, maxSeconds);
  }
}
