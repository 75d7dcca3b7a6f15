package io.tokenlens.bench.sink;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.util.List;

/**
 * Options of {@code ./tokenlens bench sink}.
 *
 * @param rows rows of the sink-versus-bulk-load comparison
 * @param rate events/s of the latency measurement
 * @param seconds length of the latency measurement
 */
public record SinkOptions(int rows, int rate, int seconds) {

  public static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens bench sink [options]")
          .option("rows", "N", "rows of the sink-versus-bulk-load comparison", "200000")
          .option("rate", "EVENTS", "events/s of the latency measurement", "5000")
          .option("seconds", "SECONDS", "length of the latency measurement", "20");

  /** Parses {@code --name value} pairs; throws with every problem found. */
  public static SinkOptions parse(List<String> args) {
    Arguments r = COMMAND_LINE.parse(args);
    int rows = r.intBetween("rows", 1_000, 5_000_000);
    int rate = r.intBetween("rate", 1, 1_000_000);
    int seconds = r.intBetween("seconds", 1, 3_600);
    r.throwIfInvalid();
    return new SinkOptions(rows, rate, seconds);
  }
}
