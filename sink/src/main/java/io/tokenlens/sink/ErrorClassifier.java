package io.tokenlens.sink;

import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a failed insert is worth retrying unchanged (the server or the network was the
 * problem) or whether the rows themselves are bad (poison: they go to the dead-letter topic).
 */
public final class ErrorClassifier {

  /** The verdict on a failure. */
  public enum Verdict {
    /**
     * Back off and insert the same batch again: nothing is lost, the dedup token makes the retry
     * safe.
     */
    RETRIABLE,
    /** The data cannot be inserted as it is: find the bad rows and dead-letter them. */
    POISON
  }

  /** ClickHouse error codes of transient server conditions. */
  static final Set<Integer> RETRIABLE_CODES =
      Set.of(
          159, // TIMEOUT_EXCEEDED
          209, // SOCKET_TIMEOUT
          210, // NETWORK_ERROR
          202, // TOO_MANY_SIMULTANEOUS_QUERIES
          203, // NO_FREE_CONNECTION
          241, // MEMORY_LIMIT_EXCEEDED
          242, // TABLE_IS_READ_ONLY
          252, // TOO_MANY_PARTS
          319, // UNKNOWN_STATUS_OF_INSERT
          285, // TOO_FEW_LIVE_REPLICAS
          999, // KEEPER_EXCEPTION
          425, // SYSTEM_ERROR
          394, // QUERY_WAS_CANCELLED
          60, // UNKNOWN_TABLE: a migration has not run yet, or the table was dropped by hand; never
          // the rows' fault
          81, // UNKNOWN_DATABASE: likewise
          516 // AUTHENTICATION_FAILED: a credentials problem an operator fixes; the rows are fine
          );

  /** ClickHouse error codes that mean the rows are bad. */
  static final Set<Integer> POISON_CODES =
      Set.of(
          6, // CANNOT_PARSE_TEXT
          33, // CANNOT_READ_ALL_DATA: binary rows shorter than the table's columns
          469, // VIOLATED_CONSTRAINT: a row fails a CHECK of the table
          26, // CANNOT_PARSE_QUOTED_STRING
          27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
          38, // CANNOT_PARSE_DATE
          41, // CANNOT_PARSE_DATETIME
          53, // TYPE_MISMATCH
          69, // ARGUMENT_OUT_OF_BOUND
          70, // CANNOT_CONVERT_TYPE
          72, // CANNOT_PARSE_NUMBER
          117, // INCORRECT_DATA
          131, // TOO_LARGE_STRING_SIZE
          349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
          36, // BAD_ARGUMENTS
          43, // ILLEGAL_TYPE_OF_ARGUMENT
          321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
          623 // CANNOT_PARSE_BOOL
          );

  /** The verdict on {@code failure} (the whole cause chain is inspected). */
  public Verdict classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ServerException server) {
        return POISON_CODES.contains(server.getCode()) ? Verdict.POISON : Verdict.RETRIABLE;
      }
      if (t instanceof IOException || t instanceof TimeoutException) {
        return Verdict.RETRIABLE;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    // Unknown failures are retried: blocking is visible (lag, retries), losing rows is not.
    return Verdict.RETRIABLE;
  }

  /** The ClickHouse error code in the cause chain, or -1. */
  public static int code(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ServerException server) {
        return server.getCode();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return -1;
  }
}
