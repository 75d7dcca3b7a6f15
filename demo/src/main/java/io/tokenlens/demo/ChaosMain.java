package io.tokenlens.demo;

import io.tokenlens.localstack.RepoLayout;
import io.tokenlens.localstack.ServiceSettings;
import io.tokenlens.localstack.StackException;
import io.tokenlens.localstack.StackSettings;
import io.tokenlens.schemas.config.CommandLineException;
import java.time.Clock;

/**
 * {@code ./tokenlens chaos [options]}: fault injection over the running pipeline ({@link
 * ChaosRun}). Exit codes: 0 every accepted event and delivery landed exactly once, 1 a stage
 * failed, 2 invalid options or settings, 4 a loss, a duplicate, a 503 without {@code Retry-After},
 * a pipeline that had not drained or requests still retried at the end, 5 the findings or PR
 * attribution of a fault phase's scripted waste differ from the clean phase's (or none were there
 * to compare).
 */
public final class ChaosMain {
  static final int FAILED = 4;
  static final int DERIVED_DIFFER = 5;

  private ChaosMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (ChaosOptions.COMMAND_LINE.parse(args).help()) {
      System.out.print(ChaosOptions.COMMAND_LINE.usage());
      return 0;
    }
    StackSettings stack;
    ServiceSettings ports;
    ChaosOptions options;
    try {
      stack = StackSettings.fromEnvironment(RepoLayout.locate(), System.getenv());
      ports = ServiceSettings.fromEnvironment(stack, System.getenv());
      options = ChaosOptions.parse(args);
    } catch (CommandLineException e) {
      e.problems().forEach(p -> System.err.println("error: " + p));
      System.err.print(ChaosOptions.COMMAND_LINE.usage());
      return 2;
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    try {
      ChaosRun.Result result =
          new ChaosRun(stack, ports, options, System.out, Clock.systemUTC()).run();
      if (!result.passed()) {
        return FAILED;
      }
      return result.findings().agrees() ? 0 : DERIVED_DIFFER;
    } catch (StackException e) {
      System.err.println("\nchaos failed: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("\nchaos failed: " + e);
      return 1;
    }
  }
}
