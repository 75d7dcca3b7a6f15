package io.tokenlens.demo;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.CommandLineException;
import io.tokenlens.simulator.SimulateOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./tokenlens demo [options]}: the demo's own options, and the simulate options it passes on
 * (see {@link SimulateOptions#COMMAND_LINE}) after its defaults, so a later option wins. The ingest
 * URL, API key and webhook secrets are the demo's services' own and cannot be given; every problem
 * is reported at once.
 *
 * @param simulateArgs the demo's simulate defaults followed by the user's simulate options
 * @param endGiven whether the user chose {@code --end} (else the rerun policy decides, see {@link
 *     SimulationWindow})
 * @param quiet how long the consumer groups must have no lag to call the pipeline drained
 * @param settle how long the wait for the pipeline to drain lasts at least (the detectors' settle
 *     time)
 * @param maxWait the bound on the wait for the pipeline to drain
 */
public record DemoOptions(
    List<String> simulateArgs,
    boolean endGiven,
    Duration quiet,
    Duration settle,
    Duration maxWait) {

  /** A few hundred engineers over two days, with enough planted waste that every pattern shows. */
  static final List<String> SIMULATE_DEFAULTS =
      List.of("--engineers", "300", "--days", "2", "--waste-rate", "0.2");

  /**
   * Teams unless {@code --teams} is given: eight, or one per engineer in a smaller organisation.
   */
  static final int TEAMS = 8;

  /** The simulate options the demo sets for its own services. */
  private static final Set<String> OWNED =
      Set.of("ingest-url", "api-key", "github-secret", "pagerduty-secret", "dry-run");

  public static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens [--data-dir DIR] demo [options]")
          .option(
              "quiet-seconds",
              "N",
              "drained once no consumer lag for N s and ClickHouse answers",
              "3")
          .option(
              "settle-seconds",
              "N",
              "and not before N s after the simulation ended, when the detectors that decide\n"
                  + "once their inputs settle have decided",
              Long.toString(DemoRun.DETECTOR_SETTLE.toSeconds()))
          .option(
              "max-wait-seconds", "N", "give up waiting for the pipeline to drain after N s", "900")
          .passingOn(SimulateOptions.COMMAND_LINE, Set.of())
          .footer(
              """
              Builds what it needs, starts the local stack and the ingest, streams and sink services, loads the
              default prices, simulates an organisation through the collectors, waits until the pipeline has
              drained, then prints the report. Simulate options (./tokenlens simulate --help), with the demo's
              defaults:
                --engineers N          engineers (default 300)
                --teams T              teams (default 8, or one per engineer below 8 engineers)
                --days D               simulated days (default 2)
                --seed S               random seed (default 1)
                --waste-rate R         planted waste per engineer-working-day (default 0.2)
                --end ISO-8601         end of simulated time (default: kept from the last demo run within 6 h,
                                       so a rerun replays the same traffic; else the start of the current UTC hour)
                ... and --rate, --duplicate-rate, --no-look-alikes, --log-user-prompts, --log-tool-details, --labels,
                --uninstrumented-rate (the provider exports the demo imports)""");

  /**
   * The demo's options.
   *
   * @throws CommandLineException with every problem found, the simulate options' included
   */
  public static DemoOptions parse(String[] args) {
    Arguments a = COMMAND_LINE.parse(args);
    Duration quiet = a.secondsAtLeast("quiet-seconds", 1);
    Duration settle = a.secondsAtLeast("settle-seconds", 0);
    Duration maxWait = a.secondsAtLeast("max-wait-seconds", 1);
    List<String> given = a.passedOn();
    OWNED.stream()
        .filter(o -> given.contains("--" + o))
        .forEach(o -> a.error("--" + o + ": the demo runs its own ingest service and sets it"));
    List<String> simulate = new ArrayList<>(SIMULATE_DEFAULTS);
    simulate.addAll(given);
    if (!simulate.contains("--teams")) {
      simulate.addAll(List.of("--teams", Integer.toString(Math.min(TEAMS, engineers(simulate)))));
    }
    simulateProblems(simulate).forEach(a::error);
    a.throwIfInvalid();
    return new DemoOptions(List.copyOf(simulate), given.contains("--end"), quiet, settle, maxWait);
  }

  /**
   * The last {@code --engineers} value, or the default where it is not a number (reported by the
   * simulate check).
   */
  private static int engineers(List<String> simulate) {
    int at = simulate.lastIndexOf("--engineers");
    try {
      return Math.max(1, Integer.parseInt(simulate.get(at + 1)));
    } catch (RuntimeException e) {
      return TEAMS;
    }
  }

  /**
   * The simulate options checked before anything starts (the secrets are the services', set later).
   */
  private static List<String> simulateProblems(List<String> simulate) {
    List<String> args = new ArrayList<>(simulate);
    args.addAll(
        List.of(
            "--api-key", "checked", "--github-secret", "checked", "--pagerduty-secret", "checked"));
    try {
      SimulateOptions.parse(args.toArray(String[]::new), Map.of());
      return List.of();
    } catch (CommandLineException e) {
      return e.problems();
    }
  }
}
