package io.tokenlens.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code ./tokenlens report [--days N] [--top N] [--html FILE]}: the report queried from
 * ClickHouse, printed as text; with {@code --html} also written as a self-contained HTML file. Exit
 * 0 on success, 2 on a wrong argument, 3 when ClickHouse cannot be reached or lacks the tables, 1
 * when a query fails.
 */
public final class ReportMain {

  static final String USAGE =
      """
      usage: ./tokenlens report [--days N] [--top N] [--html FILE]
        --days N     only the last N UTC days, today included (default 0: all data)
        --top N      rows per list (default 15)
        --html FILE  also write the report as a self-contained HTML file with charts
      ClickHouse: TOKENLENS_CLICKHOUSE_URL (default the local stack's), TOKENLENS_CLICKHOUSE_USER, ..._PASSWORD""";

  private ReportMain() {}

  public static void main(String[] args) {
    CommandLine.logToStderr();
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
        out.println(USAGE);
        return CommandLine.OK;
      }
      config = ReportConfig.load(env);
    } catch (CommandLine.UsageException | IllegalArgumentException e) {
      err.println(USAGE);
      return CommandLine.fail(err, "report", CommandLine.USAGE, e.getMessage());
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
      return CommandLine.OK;
    } catch (ClickHouseUnavailableException e) {
      return CommandLine.fail(err, "report", CommandLine.CLICKHOUSE_UNAVAILABLE, e.getMessage());
    } catch (QueryFailedException e) {
      return CommandLine.fail(err, "report", CommandLine.QUERY_FAILED, e.getMessage());
    } catch (IOException e) {
      return CommandLine.fail(
          err,
          "report",
          CommandLine.QUERY_FAILED,
          "cannot write " + options.html() + ": " + e.getMessage());
    }
  }

  /** The command's options. */
  record Options(int days, int top, Path html, boolean help) {

    static Options parse(String[] args) throws CommandLine.UsageException {
      int days = 0;
      int top = 15;
      Path html = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> {
            return new Options(days, top, html, true);
          }
          case "--days" -> days = CommandLine.positive(arg, value(args, ++i, arg));
          case "--top" -> top = CommandLine.positive(arg, value(args, ++i, arg));
          case "--html" -> html = Path.of(value(args, ++i, arg));
          default -> throw new CommandLine.UsageException("unknown argument '" + arg + "'");
        }
      }
      if (top == 0) {
        throw new CommandLine.UsageException("--top must be at least 1");
      }
      return new Options(days, top, html, false);
    }

    private static String value(String[] args, int i, String option)
        throws CommandLine.UsageException {
      if (i >= args.length) {
        throw new CommandLine.UsageException(option + " needs a value");
      }
      return args[i];
    }
  }
}
