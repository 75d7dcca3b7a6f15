package io.tokenlens.simulator;

import io.tokenlens.schemas.config.CommandLineException;

/**
 * {@code ./tokenlens simulate [options]}: simulates an organisation and sends its traffic through a
 * running ingest service (see {@link SimulateOptions#COMMAND_LINE}). Exit codes: 0 done, 1 some
 * requests failed, 2 invalid options, 3 the ingest service could not be reached or refused the
 * directory.
 */
public final class SimulateMain {
  private SimulateMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (SimulateOptions.COMMAND_LINE.parse(args).help()) {
      System.out.print(SimulateOptions.COMMAND_LINE.usage());
      return;
    }
    SimulateOptions options;
    try {
      options = SimulateOptions.parse(args, System.getenv());
    } catch (CommandLineException e) {
      e.problems().forEach(p -> System.err.println("error: " + p));
      System.err.print(SimulateOptions.COMMAND_LINE.usage());
      System.exit(2);
      return;
    }
    try {
      SimulationRun.Result result = new SimulationRun(options, System.out).run();
      System.exit(result.failures() > 0 ? 1 : 0);
    } catch (java.io.IOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(3);
    }
  }
}
