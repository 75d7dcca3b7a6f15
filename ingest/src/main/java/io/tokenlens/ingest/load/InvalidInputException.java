package io.tokenlens.ingest.load;

import java.util.List;

/**
 * A file or request body that cannot be loaded, with every problem found ({@code [where].field:
 * problem}); nothing of it is published.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Problems listed in an HTTP answer at most; the count in the message is always complete. */
  public static final int MAX_LISTED = 100;

  private final transient List<String> problems;

  public InvalidInputException(String what, List<String> problems) {
    super(problems.size() + " problem(s) in the " + what + "; nothing was accepted");
    this.problems = List.copyOf(problems);
  }

  /** One problem with the input as a whole (not JSON, no header, ...). */
  public static InvalidInputException of(String what, String problem) {
    return new InvalidInputException(what, List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }

  /** The first {@link #MAX_LISTED} problems. */
  public List<String> listedProblems() {
    return problems.size() > MAX_LISTED ? problems.subList(0, MAX_LISTED) : problems;
  }
}
