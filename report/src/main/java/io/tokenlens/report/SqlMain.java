package io.tokenlens.report;

import com.clickhouse.data.ClickHouseFormat;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./tokenlens sql [--format FORMAT] "SQL"}: one query against ClickHouse
 * (TOKENLENS_CLICKHOUSE_URL, default the local stack's), printed as an aligned table, or in any
 * ClickHouse output format with {@code --format}. Exit 0 on success, 1 when ClickHouse refuses the
 * query (its message on stderr), 2 on a wrong argument, 3 when ClickHouse cannot be reached.
 */
public final class SqlMain {

  static final String USAGE =
      """
      usage: ./tokenlens sql [--format FORMAT] "SQL"
        FORMAT  any ClickHouse output format (CSVWithNames, JSONEachRow, Pretty, TabSeparated, ...);
                without it the result prints as an aligned table
      ClickHouse: TOKENLENS_CLICKHOUSE_URL (default the local stack's), TOKENLENS_CLICKHOUSE_USER, ..._PASSWORD""";

  private SqlMain() {}

  public static void main(String[] args) {
    CommandLine.logToStderr();
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String format = null;
    List<String> sql = new ArrayList<>();
    ReportConfig config;
    ClickHouseFormat outputFormat = null;
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("-h") || args[i].equals("--help")) {
          out.println(USAGE);
          return CommandLine.OK;
        } else if (args[i].equals("--format")) {
          if (++i >= args.length) {
            throw new CommandLine.UsageException("--format needs a value");
          }
          format = args[i];
        } else {
          sql.add(args[i]);
        }
      }
      if (sql.isEmpty() || String.join(" ", sql).isBlank()) {
        throw new CommandLine.UsageException("no SQL given");
      }
      if (format != null) {
        outputFormat = outputFormat(format);
      }
      config = ReportConfig.load(env);
    } catch (CommandLine.UsageException | IllegalArgumentException e) {
      err.println(USAGE);
      return CommandLine.fail(err, "sql", CommandLine.USAGE, e.getMessage());
    }
    String query = String.join(" ", sql).strip().replaceAll(";+$", "");
    try (ClickHouseQueries queries = new ClickHouseQueries(config)) {
      if (!queries.ping()) {
        return CommandLine.fail(
            err,
            "sql",
            CommandLine.CLICKHOUSE_UNAVAILABLE,
            "cannot reach ClickHouse at "
                + config.endpoint()
                + " (set TOKENLENS_CLICKHOUSE_URL, or start the local stack with ./tokenlens up)");
      }
      if (outputFormat != null) {
        queries.copy(query, outputFormat, out);
      } else {
        print(queries.query(query, Map.of()), out);
      }
      return CommandLine.OK;
    } catch (QueryFailedException e) {
      return CommandLine.fail(err, "sql", CommandLine.QUERY_FAILED, e.getMessage());
    }
  }

  /** The result as an aligned table, numbers right-aligned, and the row count. */
  static void print(ResultTable table, PrintStream out) {
    if (table.columns().isEmpty()) {
      out.println("ok");
      return;
    }
    List<ReportColumn> columns = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      String name = table.columns().get(i);
      columns.add(
          new ReportColumn(
              name, name, isNumeric(table.types().get(i)) ? CellFormat.NUMBER : CellFormat.TEXT));
    }
    List<List<String>> printable =
        table.rows().stream()
            .map(
                r ->
                    r.stream()
                        .map(v -> v == null ? null : v.replace("\n", "\\n").replace("\t", "\\t"))
                        .toList())
            .toList();
    out.print(
        TextTable.render(new ResultTable(table.columns(), table.types(), printable), columns, ""));
    out.println("(" + table.rows().size() + (table.rows().size() == 1 ? " row)" : " rows)"));
  }

  static boolean isNumeric(String type) {
    String t =
        type.replaceAll("^(Nullable|LowCardinality)\\((.*)\\)$", "$2")
            .replaceAll("^Nullable\\((.*)\\)$", "$1");
    return t.matches("U?Int\\d+|Float\\d+|Decimal.*");
  }

  private static ClickHouseFormat outputFormat(String name) throws CommandLine.UsageException {
    return Arrays.stream(ClickHouseFormat.values())
        .filter(f -> f.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(
            () ->
                new CommandLine.UsageException(
                    "unknown ClickHouse format '"
                        + name
                        + "' (e.g. "
                        + "CSVWithNames, JSONEachRow, Pretty, TabSeparatedWithNames)"));
  }
}
