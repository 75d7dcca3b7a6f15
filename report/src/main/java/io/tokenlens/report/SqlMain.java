package io.tokenlens.report;

import com.clickhouse.data.ClickHouseFormat;
import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.CommandLineException;
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

  static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens sql [--format FORMAT] \"SQL\"")
          .option(
              "format",
              "FORMAT",
              "any ClickHouse output format (CSVWithNames, JSONEachRow, Pretty, TabSeparated, ...);\n"
                  + "without it the result prints as an aligned table")
          .positionals("SQL", "the query; several arguments are joined with spaces")
          .footer(Commands.CLICKHOUSE_VARIABLES);

  private SqlMain() {}

  public static void main(String[] args) {
    Commands.logToStderr();
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Arguments a = COMMAND_LINE.parse(args);
    if (a.help()) {
      out.print(COMMAND_LINE.usage());
      return Commands.OK;
    }
    String sql = String.join(" ", a.positionals());
    if (sql.isBlank()) {
      a.error("no SQL given");
    }
    ClickHouseFormat outputFormat = a.optional("format").map(f -> outputFormat(a, f)).orElse(null);
    ReportConfig config;
    try {
      a.throwIfInvalid();
      config = ReportConfig.load(env);
    } catch (CommandLineException e) {
      return Commands.usage(err, "sql", COMMAND_LINE.usage(), e.problems());
    } catch (IllegalArgumentException e) {
      return Commands.usage(err, "sql", COMMAND_LINE.usage(), List.of(e.getMessage()));
    }
    String query = sql.strip().replaceAll(";+$", "");
    try (ClickHouseQueries queries = new ClickHouseQueries(config)) {
      if (!queries.ping()) {
        return Commands.fail(
            err,
            "sql",
            Commands.CLICKHOUSE_UNAVAILABLE,
            "cannot reach ClickHouse at "
                + config.endpoint()
                + " (set TOKENLENS_CLICKHOUSE_URL, or start the local stack with ./tokenlens up)");
      }
      if (outputFormat != null) {
        queries.copy(query, outputFormat, out);
      } else {
        print(queries.query(query, Map.of()), out);
      }
      return Commands.OK;
    } catch (QueryFailedException e) {
      return Commands.fail(err, "sql", Commands.QUERY_FAILED, e.getMessage());
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

  /** The ClickHouse format {@code name}, in any case; else a problem of {@code args} and null. */
  private static ClickHouseFormat outputFormat(Arguments args, String name) {
    return Arrays.stream(ClickHouseFormat.values())
        .filter(f -> f.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseGet(
            () -> {
              args.error(
                  "unknown ClickHouse format '"
                      + name
                      + "' (e.g. CSVWithNames, JSONEachRow, Pretty, TabSeparatedWithNames)");
              return null;
            });
  }
}
