package io.tokenlens.schemas.config;

import java.util.List;

/**
 * A command line that cannot run: every problem found, one a line, then the command's usage. The
 * entry points print {@link #getMessage} to stderr and exit with status 2.
 */
public final class CommandLineException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public CommandLineException(List<String> problems, String usage) {
    super("Invalid options:\n  - " + String.join("\n  - ", problems) + "\n" + usage.strip());
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
