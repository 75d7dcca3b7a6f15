package io.tokenlens.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Searches every table and view of a database, every column whose type holds text (strings, arrays,
 * maps, tuples), for values, case-insensitively, as stored and base64-decoded: the list of {@code
 * table.column: value} found.
 */
final class DatabaseSearch {

  private final Connection connection;
  private final String database;

  DatabaseSearch(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  /** Where any of {@code needles} occurs. */
  TreeSet<String> find(List<String> needles) throws SQLException {
    TreeSet<String> hits = new TreeSet<>();
    for (Map.Entry<String, List<String>> table : textColumns().entrySet()) {
      String values =
          table.getValue().stream()
              .map(c -> "ifNull(toString(`" + c + "`), '')")
              .collect(Collectors.joining(", "));
      String names =
          table.getValue().stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
      String needleArray =
          needles.stream()
              .map(n -> "'" + n.replace("'", "\\'") + "'")
              .collect(Collectors.joining(", "));
      String sql =
          "SELECT DISTINCT c, n FROM (SELECT ["
              + values
              + "] AS vs, ["
              + names
              + "] AS cs FROM `"
              + database
              + "`.`"
              + table.getKey()
              + "`) ARRAY JOIN vs AS v, cs AS c ARRAY JOIN ["
              + needleArray
              + "] AS n "
              + "WHERE positionCaseInsensitive(v, n) > 0 OR positionCaseInsensitive(tryBase64Decode(v), n) > 0";
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          hits.add(table.getKey() + "." + rs.getString(1) + ": " + rs.getString(2));
        }
      }
    }
    return hits;
  }

  /**
   * Tables and views (materialized views store nothing of their own) and their text-bearing
   * columns.
   */
  Map<String, List<String>> textColumns() throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    String sql =
        "SELECT c.table, c.name FROM system.columns AS c INNER JOIN system.tables AS t "
            + "ON t.database = c.database AND t.name = c.table WHERE c.database = '"
            + database
            + "' "
            + "AND t.engine != 'MaterializedView' AND match(c.type, 'String|Map|Array|Tuple') ORDER BY c.table, c.position";
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    return columns;
  }
}
