package io.tokenlens.report;

/** ClickHouse does not answer, or lacks the tables the sink's migrations create. */
public final class ClickHouseUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public ClickHouseUnavailableException(String message) {
    super(message);
  }
}
