package io.tokenlens.demo;

import io.tokenlens.localstack.RepoLayout;
import io.tokenlens.localstack.ServiceSettings;
import io.tokenlens.localstack.StackException;
import io.tokenlens.localstack.StackSettings;
import io.tokenlens.schemas.config.CommandLineException;
import java.time.Clock;

/**
 * {@code ./tokenlens demo [options]}: the pipeline end to end on the local stack ({@link DemoRun}).
 * Exit codes: 0 drained, 1 a stage failed, 2 invalid options or settings, 4 every stage ran but the
 * pipeline had not drained in time or some simulated requests failed.
 */
public final class DemoMain {
  /**
   * Every stage ran, but the pipeline had not drained in time or some simulated requests failed.
   */
  static final int NOT_DRAINED = 4;

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (DemoOptions.COMMAND_LINE.parse(args).help()) {
      System.out.print(DemoOptions.COMMAND_LINE.usage());
      return 0;
    }
    StackSettings stack;
    ServiceSettings ports;
    DemoOptions options;
    try {
      stack = StackSettings.fromEnvironment(RepoLayout.locate(), System.getenv());
      ports = ServiceSettings.fromEnvironment(stack, System.getenv());
      options = DemoOptions.parse(args);
    } catch (CommandLineException e) {
      e.problems().forEach(p -> System.err.println("error: " + p));
      System.err.print(DemoOptions.COMMAND_LINE.usage());
      return 2;
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    try {
      return new DemoRun(stack, ports, options, System.out, Clock.systemUTC()).run()
          ? 0
          : NOT_DRAINED;
    } catch (StackException e) {
      System.err.println("\ndemo failed: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("\ndemo failed: " + e);
      return 1;
    }
  }
}
