package io.tokenlens.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one query, every value as ClickHouse printed it (a {@code null} cell is SQL NULL),
 * read from the {@code TabSeparatedWithNamesAndTypes} format, which carries the column names and
 * types even when there are no rows.
 *
 * @param columns the column names, in order
 * @param types the ClickHouse type of each column
 * @param rows the rows, each as long as {@code columns}
 */
public record ResultTable(List<String> columns, List<String> types, List<List<String>> rows) {

  public ResultTable {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = List.copyOf(rows);
  }

  /** Reads {@code TabSeparatedWithNamesAndTypes} output. */
  public static ResultTable readTabSeparatedWithNamesAndTypes(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String names = reader.readLine();
    String types = reader.readLine();
    if (names == null) {
      return new ResultTable(
          List.of(), List.of(), List.of()); // a statement without a result (DDL, INSERT)
    }
    if (types == null) {
      throw new IOException("ClickHouse answered without the column types of the result");
    }
    List<List<String>> rows = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      rows.add(Arrays.stream(line.split("\t", -1)).map(ResultTable::unescape).toList());
    }
    return new ResultTable(
        Arrays.stream(names.split("\t", -1)).map(ResultTable::unescape).toList(),
        Arrays.stream(types.split("\t", -1)).map(ResultTable::unescape).toList(),
        rows);
  }

  /** The index of {@code column}; fails naming the columns there are. */
  public int indexOf(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + column + "' in " + columns);
    }
    return i;
  }

  /** The values of one column, in row order. */
  public List<String> column(String column) {
    int i = indexOf(column);
    return rows.stream().map(r -> r.get(i)).toList();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** A TabSeparated value: {@code \N} is NULL; backslash escapes as ClickHouse writes them. */
  static String unescape(String raw) {
    if (raw.equals("\\N")) {
      return null;
    }
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 == raw.length()) {
        out.append(c);
        continue;
      }
      char next = raw.charAt(++i);
      switch (next) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
