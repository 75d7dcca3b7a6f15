package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.SimulateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./tokenlens evaluate [evaluate options] [simulate options]} (see {@link #USAGE}): runs ingest and the
 * streams job in-process against the stack of the {@code TOKENLENS_*} variables, sends a simulated organisation
 * through them, scores the waste findings against the labels, prints a Markdown table and writes the scores and the
 * findings as JSON. Exit codes: 0 scored, 2 invalid options or missing variables, 3 the run failed.
 */
public final class EvaluateMain {
  static final String USAGE = """
      usage: ./tokenlens evaluate [--scores FILE] [--findings FILE] [--quiet-seconds N] [--max-wait-seconds N]
                                  [simulate options]
        --scores FILE           the scores as JSON (default scores.json)
        --findings FILE         the findings scored, as JSON (default findings.json)
        --quiet-seconds N       findings have stopped once none arrived for N seconds (default 90)
        --max-wait-seconds N    wait at most N seconds for findings after the simulation (default 240)
      simulate options as for ./tokenlens simulate, except --ingest-url, --api-key and the secrets
      """;

  private EvaluateMain() {}

  public static void main(String[] argv) {
    Path scores = Path.of("scores.json");
    Path findings = Path.of("findings.json");
    long quiet = 90;
    long maxWait = 240;
    List<String> simulateArgs = new ArrayList<>();
    try {
      for (int i = 0; i < argv.length; i++) {
        switch (argv[i]) {
          case "--scores" -> scores = Path.of(argv[++i]);
          case "--findings" -> findings = Path.of(argv[++i]);
          case "--quiet-seconds" -> quiet = Long.parseLong(argv[++i]);
          case "--max-wait-seconds" -> maxWait = Long.parseLong(argv[++i]);
          case "--help", "-h" -> {
            System.out.print(USAGE + SimulateOptions.USAGE);
            return;
          }
          default -> simulateArgs.add(argv[i]);
        }
      }
      EvaluationStack stack = EvaluationStack.fromEnv(System.getenv());
      Path workDir = Files.createTempDirectory("tokenlens-evaluate-");
      Evaluation.Result result = new Evaluation(stack, simulateArgs, Duration.ofSeconds(quiet),
          Duration.ofSeconds(maxWait), workDir).run(System.out);
      System.out.printf("%n%d labels, %d findings (topic prefix %s)%n%n", result.labels().size(),
          result.findings().size(), stack.topicPrefix());
      System.out.print(ScoreReport.markdown(result.scores()));
      ScoreReport.writeJson(scores, result.scores());
      ScoreReport.writeJson(findings, result.findings());
      System.out.println("\nscores written to " + scores + ", findings to " + findings);
      System.exit(0);
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      System.err.println("error: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option needs a value"
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
