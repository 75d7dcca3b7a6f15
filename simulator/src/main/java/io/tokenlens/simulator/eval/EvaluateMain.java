package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.SimulateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./tokenlens evaluate [evaluate options] [simulate options]} (see {@link #USAGE}): runs
 * ingest and the streams job in-process against the stack of the {@code TOKENLENS_*} variables,
 * sends a simulated organisation through them, scores the waste findings against the labels, prints
 * a Markdown table and writes the scores and the findings as JSON. Exit codes: 0 scored, 2 invalid
 * options or missing variables, 3 the run failed.
 */
public final class EvaluateMain {
  static final String USAGE =
      """
      usage: ./tokenlens evaluate [--scores FILE] [--findings FILE] [--quiet-seconds N] [--max-wait-seconds N]
                                  [--detect-grace-seconds N] [--task-idle-ms N] [simulate options]
        --scores FILE           the scores as JSON (default scores.json)
        --findings FILE         the findings scored, as JSON (default findings.json)
        --quiet-seconds N       findings have stopped once the job caught up with its inputs and none arrived
                                for N seconds (default 30)
        --max-wait-seconds N    wait at most N seconds for findings after the simulation (default 600)
        --detect-grace-seconds N  the detectors' grace for the replay (default 3600: replayed time is compressed)
        --task-idle-ms N        how long a streams task waits for an input that is behind (default 10000)
      simulate options as for ./tokenlens simulate, except --ingest-url, --api-key and the secrets;
      --rate defaults to 200 events/s here (set --rate max to send as fast as ingest answers)
      """;

  /**
   * Events per second sent when no {@code --rate} is given: the replay's pace, see {@link
   * ReplaySettings}.
   */
  static final String DEFAULT_RATE = "200";

  private EvaluateMain() {}

  public static void main(String[] argv) {
    Path scores = Path.of("scores.json");
    Path findings = Path.of("findings.json");
    long quiet = 30;
    long maxWait = 600;
    Duration grace = ReplaySettings.DEFAULT.detectGrace();
    Duration idle = ReplaySettings.DEFAULT.taskIdle();
    List<String> simulateArgs = new ArrayList<>();
    try {
      for (int i = 0; i < argv.length; i++) {
        switch (argv[i]) {
          case "--scores" -> scores = Path.of(argv[++i]);
          case "--findings" -> findings = Path.of(argv[++i]);
          case "--quiet-seconds" -> quiet = Long.parseLong(argv[++i]);
          case "--max-wait-seconds" -> maxWait = Long.parseLong(argv[++i]);
          case "--detect-grace-seconds" -> grace = Duration.ofSeconds(Long.parseLong(argv[++i]));
          case "--task-idle-ms" -> idle = Duration.ofMillis(Long.parseLong(argv[++i]));
          case "--help", "-h" -> {
            System.out.print(USAGE + SimulateOptions.USAGE);
            return;
          }
          default -> simulateArgs.add(argv[i]);
        }
      }
      if (!simulateArgs.contains("--rate")) {
        simulateArgs.addAll(List.of("--rate", DEFAULT_RATE));
      }
      EvaluationStack stack = EvaluationStack.fromEnv(System.getenv());
      Path workDir = Files.createTempDirectory("tokenlens-evaluate-");
      Evaluation.Result result =
          new Evaluation(
                  stack,
                  simulateArgs,
                  Duration.ofSeconds(quiet),
                  Duration.ofSeconds(maxWait),
                  workDir,
                  new ReplaySettings(grace, idle))
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
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      System.err.println(
          "error: "
              + (e instanceof ArrayIndexOutOfBoundsException
                  ? "an option needs a value"
                  : e.getMessage()));
      System.err.print(USAGE);
      System.exit(2);
    } catch (SimulateOptions.InvalidOptionsException e) {
      e.problems().forEach(p -> System.err.println("error: " + p));
      System.exit(2);
    } catch (Exception e) {
      System.err.println("error: " + e);
      e.printStackTrace();
      System.exit(3);
    }
  }
}
