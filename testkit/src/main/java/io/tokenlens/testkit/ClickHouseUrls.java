package io.tokenlens.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites the database of a ClickHouse JDBC URL, keeping host, port and options. */
final class ClickHouseUrls {
  private static final Pattern URL =
      Pattern.compile("^(jdbc:(?:clickhouse|ch)(?::[a-z]+)?://[^/?]+)(/[^?]*)?(\\?.*)?$");

  private ClickHouseUrls() {}

  static String withDatabase(String jdbcUrl, String database) {
    Matcher m = URL.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a ClickHouse JDBC URL: " + jdbcUrl);
    }
    return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
  }
}
