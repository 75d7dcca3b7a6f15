package io.tokenlens.report.erase;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * ClickHouse literals of values the erasure puts into its statements (identities are data, never
 * SQL).
 */
final class SqlLiterals {

  private SqlLiterals() {}

  /** A quoted string literal: backslashes and single quotes escaped. */
  static String string(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A typed {@code Array(String)} literal, empty included. */
  static String array(Collection<String> values) {
    return "CAST(["
        + values.stream().sorted().map(SqlLiterals::string).collect(Collectors.joining(", "))
        + "] AS Array(String))";
  }
}
