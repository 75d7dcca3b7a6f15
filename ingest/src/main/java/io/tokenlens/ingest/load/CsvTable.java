package io.tokenlens.ingest.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file (RFC 4180): a header row of column names, then data rows. Fields may be quoted with
 * {@code "}, with {@code ""} for a quote and commas and line breaks inside quotes. Lines starting
 * with {@code #} (outside quotes) are comments; blank lines are skipped. Column names are trimmed
 * and lowercased; values are trimmed.
 */
public final class CsvTable {

  /** One data row and the line it starts on (1-based, the header is a line too). */
  public record Row(int line, Map<String, String> values) {}

  private final List<String> columns;
  private final List<Row> rows;

  private CsvTable(List<String> columns, List<Row> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  public List<String> columns() {
    return columns;
  }

  public List<Row> rows() {
    return rows;
  }

  /**
   * Parses {@code text}; a malformed file (unterminated quote, ragged row, no header) is reported
   * whole.
   */
  public static CsvTable parse(String text, String what) {
    List<String> problems = new ArrayList<>();
    List<int[]> starts = new ArrayList<>();
    List<List<String>> records = records(text, starts, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(what, problems);
    }
    if (records.isEmpty()) {
      throw InvalidInputException.of(what, "no header row: the first line must name the columns");
    }
    List<String> columns = new ArrayList<>();
    for (String name : records.get(0)) {
      String column = name.trim().toLowerCase(Locale.ROOT);
      if (column.isEmpty()) {
        problems.add("[line " + starts.get(0)[0] + "]: empty column name in the header");
      } else if (columns.contains(column)) {
        problems.add(
            "[line " + starts.get(0)[0] + "]: column '" + column + "' appears twice in the header");
      }
      columns.add(column);
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> fields = records.get(r);
      int line = starts.get(r)[0];
      if (fields.size() != columns.size()) {
        problems.add(
            "[line "
                + line
                + "]: "
                + fields.size()
                + " fields, but the header has "
                + columns.size()
                + " columns");
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        values.put(columns.get(c), fields.get(c).trim());
      }
      rows.add(new Row(line, values));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(what, problems);
    }
    return new CsvTable(List.copyOf(columns), List.copyOf(rows));
  }

  private static List<List<String>> records(
      String text, List<int[]> starts, List<String> problems) {
    List<List<String>> records = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = text.length();
    if (n > 0 && text.charAt(0) == '\uFEFF') {
      i = 1; // byte order mark
    }
    while (i < n) {
      int lineEnd = text.indexOf('\n', i);
      String rest = text.substring(i, lineEnd < 0 ? n : lineEnd);
      if (rest.isBlank() || rest.stripLeading().startsWith("#")) {
        i = lineEnd < 0 ? n : lineEnd + 1;
        line++;
        continue;
      }
      int startLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      boolean done = false;
      while (!done) {
        if (i >= n) {
          if (quoted) {
            problems.add("[line " + startLine + "]: a quoted field is not closed");
            return records;
          }
          fields.add(field.toString());
          done = true;
          continue;
        }
        char ch = text.charAt(i++);
        if (quoted) {
          if (ch == '"') {
            if (i < n && text.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            if (ch == '\n') {
              line++;
            }
            field.append(ch);
          }
        } else if (ch == '"' && field.toString().isBlank() && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
          field.setLength(0);
        } else if (ch == ',') {
          fields.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        } else if (ch == '\n') {
          fields.add(field.toString());
          line++;
          done = true;
        } else if (ch == '\r' && (i >= n || text.charAt(i) == '\n')) {
          // part of \r\n
        } else if (wasQuoted && !Character.isWhitespace(ch)) {
          problems.add("[line " + line + "]: text after a closing quote");
          wasQuoted = false;
        } else {
          field.append(ch);
        }
      }
      records.add(fields);
      starts.add(new int[] {startLine});
    }
    return records;
  }
}
