package io.tokenlens.report;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.CommandLineException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * {@code ./tokenlens report [--days N] [--top N] [--html FILE]}: the report queried from
 * ClickHouse, printed as text; with {@code --html} also written as a self-contained HTML file. Exit
 * 0 on success, 2 on a wrong argument, 3 when ClickHouse cannot be reached or lacks the tables, 1
 * when a query fails.
 */
public final class ReportMain {

  static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens report [--days N] [--top N] [--html FILE]")
          .option("days", "N", "only the last N UTC days, today included; 0: all data", "0")
          .option("top", "N", "rows per list", "15")
          .option("html", "FILE", "also write the report as a self-contained HTML file with charts")
          .footer(Commands.CLICKHOUSE_VARIABLES);

  private ReportMain() {}

  public static void main(String[] args) {
    Commands.logToStderr();
    System.exit(run(args, System.getenv(), Clock.systemUTC(), System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  static int run(
      String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
    Options options;
    ReportConfig config;
    try {
      options = Options.parse(args);
      if (options.help()) {
        out.print(COMMAND_LINE.usage());
        return Commands.OK;
      }
      config = ReportConfig.load(env);
    } catch (CommandLineException e) {
      return Commands.usage(err, "report", COMMAND_LINE.usage(), e.problems());
    } catch (IllegalArgumentException e) {
      return Commands.usage(err, "report", COMMAND_LINE.usage(), List.of(e.getMessage()));
    }
    ReportWindow window =
        ReportWindow.of(
            LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), options.days(), options.top());
    try (ClickHouseQueries queries = new ClickHouseQueries(config)) {
      ReportData data = new ReportLoader(queries, clock).load(window);
      if (options.html() != null) {
        Files.writeString(options.html(), HtmlReport.render(data), StandardCharsets.UTF_8);
        err.println("report: HTML report written to " + options.html().toAbsolutePath());
      }
      out.print(TextReport.render(data));
      out.flush();
      return Commands.OK;
    } catch (ClickHouseUnavailableException e) {
      return Commands.fail(err, "report", Commands.CLICKHOUSE_UNAVAILABLE, e.getMessage());
    } catch (QueryFailedException e) {
      return Commands.fail(err, "report", Commands.QUERY_FAILED, e.getMessage());
    } catch (IOException e) {
      return Commands.fail(
          err,
          "report",
          Commands.QUERY_FAILED,
          "cannot write " + options.html() + ": " + e.getMessage());
    }
  }

  /** The command's options. */
  record Options(int days, int top, Path html, boolean help) {

    static Options parse(String[] args) {
      Arguments a = COMMAND_LINE.parse(args);
      Options options =
          new Options(
              a.intAtLeast("days", 0),
              a.intAtLeast("top", 1),
              a.optionalPath("html").orElse(null),
              a.help());
      if (!options.help()) {
        a.throwIfInvalid();
      }
      return options;
    }
  }
}
