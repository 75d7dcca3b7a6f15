package io.tokenlens.report;

/** ClickHouse answered a query with an error; the message is ClickHouse's. */
public final class QueryFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public QueryFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
