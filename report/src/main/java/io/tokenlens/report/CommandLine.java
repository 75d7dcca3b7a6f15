package io.tokenlens.report;

import java.io.PrintStream;

/** What the report and sql commands exit with, and how they say why. */
final class CommandLine {

  static final int OK = 0;
  static final int QUERY_FAILED = 1;
  static final int USAGE = 2;
  static final int CLICKHOUSE_UNAVAILABLE = 3;

  private CommandLine() {}

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

  /** A command-line argument that is wrong; the message names it. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static int fail(PrintStream err, String command, int code, String message) {
    err.println(command + ": " + message);
    return code;
  }

  static int positive(String option, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " takes a whole number of 0 or more, not '" + value + "'");
    }
  }
}
