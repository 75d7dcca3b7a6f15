package io.tokenlens.demo;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.CommandLineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./tokenlens chaos [options]}: the traffic, the faults and their timing; every problem is
 * reported at once.
 *
 * @param eventsPerSecond OTLP token events sent per second, in requests of {@link
 *     TrafficDriver#BATCH} events
 * @param webhooksPerSecond GitHub pull_request deliveries sent per second
 * @param faults the faults, one after the other, after a fault-free control phase
 * @param lead how long traffic runs in a phase before its kill
 * @param down how long the killed processes stay down
 * @param tail how long traffic runs in a phase after its processes are healthy again
 * @param maxWait the bound on the wait for the pipeline to drain once traffic stops
 */
public record ChaosOptions(
    int eventsPerSecond,
    int webhooksPerSecond,
    List<Fault> faults,
    Duration lead,
    Duration down,
    Duration tail,
    Duration maxWait) {

  public ChaosOptions {
    faults = List.copyOf(faults);
  }

  public static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens [--data-dir DIR] chaos [options]")
          .option("events-per-second", "N", "OTLP token events sent per second", "300")
          .option("webhooks-per-second", "N", "GitHub pull_request deliveries sent per second", "2")
          .option(
              "faults",
              "LIST",
              "the faults in order, comma-separated; a+b kills a and b at once. Targets: ingest,\n"
                  + "streams, sink, kafka, schema-registry, clickhouse; kafka-N is one broker of a\n"
                  + "stack started with up --brokers N, where kafka is all of them",
              "ingest,streams,sink,clickhouse,schema-registry,kafka,streams+sink")
          .option("lead-seconds", "N", "traffic before each kill", "5")
          .option("down-seconds", "N", "how long the killed processes stay down", "5")
          .option("tail-seconds", "N", "traffic after the restarted processes are healthy", "5")
          .option(
              "max-wait-seconds", "N", "give up waiting for the pipeline to drain after N s", "600")
          .footer(
              """
              Starts the local stack and the ingest, streams and sink services, sends steady traffic through
              the collectors, and in every phase the same scripted waste (a looping agent, a pull request closed
              unmerged with usage on its branch), while it kills processes with SIGKILL one phase at a time and
              restarts them, waits for the pipeline to drain, then prints a ledger per fault: the events and
              webhook deliveries the collectors accepted, how many are in ClickHouse, duplicates and missing
              ones; then each fault phase's findings and PR attribution against the clean phase's. Exit codes: 0
              every accepted event exactly once and the derived results equal; 1 a stage failed; 2 invalid
              options; 4 a loss, a duplicate, a 503 without Retry-After, or a pipeline that had not drained; 5
              findings or PR attribution that differ from the clean phase's (docs/fault-injection.md).""");

  /**
   * The options.
   *
   * @throws CommandLineException with every problem found
   */
  public static ChaosOptions parse(String[] args) {
    Arguments a = COMMAND_LINE.parse(args);
    int events = a.intBetween("events-per-second", TrafficDriver.BATCH, 100_000);
    int webhooks = a.intBetween("webhooks-per-second", 0, 1_000);
    List<Fault> faults = new ArrayList<>();
    for (String text : a.string("faults").split(",")) {
      try {
        faults.add(Fault.parse(text));
      } catch (IllegalArgumentException e) {
        a.error("--faults: " + e.getMessage());
      }
    }
    Duration lead = a.secondsAtLeast("lead-seconds", 1);
    Duration down = a.secondsAtLeast("down-seconds", 0);
    Duration tail = a.secondsAtLeast("tail-seconds", 1);
    Duration maxWait = a.secondsAtLeast("max-wait-seconds", 1);
    a.throwIfInvalid();
    return new ChaosOptions(events, webhooks, faults, lead, down, tail, maxWait);
  }
}
