package io.tokenlens.simulator.eval;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.CommandLineException;
import io.tokenlens.simulator.SimulateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./tokenlens evaluate [evaluate options] [simulate options]} (see {@link #COMMAND_LINE}):
 * runs ingest and the streams job in-process against the stack of the {@code TOKENLENS_*}
 * variables, sends a simulated organisation through them, scores the waste findings against the
 * labels, prints a Markdown table and writes the scores and the findings as JSON. Exit codes: 0
 * scored, 2 invalid options or missing variables, 3 the run failed.
 */
public final class EvaluateMain {
  static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens evaluate [options] [simulate options]")
          .option("scores", "FILE", "the scores as JSON", "scores.json")
          .option("findings", "FILE", "the findings scored, as JSON", "findings.json")
          .option(
              "quiet-seconds",
              "N",
              "findings have stopped once the job caught up with its inputs and none arrived\n"
                  + "for N seconds; never less than the detectors' longest settle time plus 20 s\n"
                  + "(200 s with the replay's settings)",
              "30")
          .option(
              "max-wait-seconds",
              "N",
              "wait at most N seconds for findings after the simulation",
              "600")
          .option(
              "detect-grace-seconds",
              "N",
              "the detectors' grace for the replay (replayed time is compressed)",
              Long.toString(ReplaySettings.DEFAULT.detectGrace().toSeconds()))
          .option(
              "task-idle-ms",
              "N",
              "how long a streams task waits for an input that is behind",
              Long.toString(ReplaySettings.DEFAULT.taskIdle().toMillis()))
          .passingOn(
              SimulateOptions.COMMAND_LINE,
              Set.of("ingest-url", "api-key", "github-secret", "pagerduty-secret"))
          .footer(
              """
              simulate options as for ./tokenlens simulate, except --ingest-url, --api-key and the secrets;
              --rate defaults to 200 events/s here (set --rate max to send as fast as ingest answers)""");

  /**
   * Events per second sent when no {@code --rate} is given: the replay's pace, see {@link
   * ReplaySettings}.
   */
  static final String DEFAULT_RATE = "200";

  private EvaluateMain() {}

  public static void main(String[] argv) {
    Arguments args = COMMAND_LINE.parse(argv);
    if (args.help()) {
      System.out.print(COMMAND_LINE.usage() + "\n" + SimulateOptions.COMMAND_LINE.usage());
      return;
    }
    Path scores = args.path("scores");
    Path findings = args.path("findings");
    Duration quiet = args.secondsAtLeast("quiet-seconds", 1);
    Duration maxWait = args.secondsAtLeast("max-wait-seconds", 1);
    Duration grace = args.secondsAtLeast("detect-grace-seconds", 0);
    Duration idle = args.millisAtLeast("task-idle-ms", 0);
    List<String> simulateArgs = new ArrayList<>(args.passedOn());
    if (!simulateArgs.contains("--rate")) {
      simulateArgs.addAll(List.of("--rate", DEFAULT_RATE));
    }
    try {
      args.throwIfInvalid();
      EvaluationStack stack = EvaluationStack.fromEnv(System.getenv());
      Path workDir = Files.createTempDirectory("tokenlens-evaluate-");
      Evaluation.Result result =
          new Evaluation(
                  stack, simulateArgs, quiet, maxWait, workDir, new ReplaySettings(grace, idle))
              .run(System.out);
      System.out.printf(
          "%n%d labels, %d findings (topic prefix %s)%n%n",
          result.labels().size(), result.findings().size(), stack.topicPrefix());
      System.out.print(ScoreReport.markdown(result.scores()));
      System.out.printf(
          "%nFalse positives: near-misses and look-alikes a finding overlaps, and false positives per 100 "
              + "engineer-days (on a clean organisation, --waste-rate 0, every finding is one)%n%n");
      System.out.print(ScoreReport.falsePositiveMarkdown(result.falsePositiveRates()));
      System.out.printf(
          "%nTeam alerts: the budget levels each team was sized for, the planted burst, and the team"
              + " hours the burn rule raises on the simulated spend%n%n");
      System.out.print(ScoreReport.alertsMarkdown(result.alertScores()));
      ScoreReport.writeJson(
          scores, ScoreReport.combined(result.scores(), result.falsePositiveRates()));
      ScoreReport.writeJson(findings, result.findings());
      System.out.println("\nscores written to " + scores + ", findings to " + findings);
      System.exit(0);
    } catch (CommandLineException e) {
      e.problems().forEach(p -> System.err.println("error: " + p));
      System.err.print(COMMAND_LINE.usage());
      System.exit(2);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("error: " + e);
      e.printStackTrace();
      System.exit(3);
    }
  }
}
