package io.tokenlens.report;

import java.io.PrintStream;
import java.util.List;

/**
 * What the report, sql and erase commands share: their exit codes, how they say why, where they
 * log. Their options are {@link io.tokenlens.schemas.config.CommandLine}s.
 */
final class Commands {

  static final int OK = 0;
  static final int QUERY_FAILED = 1;
  static final int USAGE = 2;
  static final int CLICKHOUSE_UNAVAILABLE = 3;

  /** Where the commands find ClickHouse, for their usage. */
  static final String CLICKHOUSE_VARIABLES =
      "ClickHouse: TOKENLENS_CLICKHOUSE_URL (default the local stack's), TOKENLENS_CLICKHOUSE_USER,"
          + " ..._PASSWORD";

  private Commands() {}

  /**
   * Logs to stderr at WARN, from this module's own configuration file: stdout carries the report or
   * the query result, and the sink's {@code logback.xml} on the class path would log to stdout.
   * Call before anything logs.
   */
  static void logToStderr() {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "tokenlens-report-logback.xml");
    }
  }

  static int fail(PrintStream err, String command, int code, String message) {
    err.println(command + ": " + message);
    return code;
  }

  /** Prints the usage, then every problem of the command line; returns {@link #USAGE}. */
  static int usage(PrintStream err, String command, String usage, List<String> problems) {
    err.print(usage);
    problems.forEach(p -> err.println(command + ": " + p));
    return USAGE;
  }
}
