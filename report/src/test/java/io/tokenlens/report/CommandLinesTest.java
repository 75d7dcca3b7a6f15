package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report, sql and erase command lines, refused or answered before ClickHouse is asked. */
class CommandLinesTest {

  private final ReportIT.Output output = new ReportIT.Output();

  @Test
  void reportRefusesANegativeDayCountAndATopOfZeroTogether() {
    int code =
        ReportMain.run(
            new String[] {"--days", "-1", "--top=0"},
            Map.of(),
            Clock.systemUTC(),
            output.out(),
            output.err());

    assertThat(code).isEqualTo(Commands.USAGE);
    assertThat(output.errText())
        .startsWith("usage: ./tokenlens report")
        .contains("report: --days must be at least 0 but is -1\n")
        .contains("report: --top must be at least 1 but is 0\n");
    assertThat(output.outText()).isEmpty();
  }

  @Test
  void reportPrintsItsUsageForHelp() {
    int code =
        ReportMain.run(
            new String[] {"--top", "x", "--help"},
            Map.of(),
            Clock.systemUTC(),
            output.out(),
            output.err());

    assertThat(code).isZero();
    assertThat(output.outText())
        .contains("--top N      rows per list (default 15)")
        .contains("TOKENLENS_CLICKHOUSE_URL");
  }

  @Test
  void sqlRefusesAnUnknownFormatAndNamesTheMissingQuery() {
    int code = SqlMain.run(new String[] {"--format=Excel"}, Map.of(), output.out(), output.err());

    assertThat(code).isEqualTo(Commands.USAGE);
    assertThat(output.errText())
        .contains("sql: no SQL given")
        .contains("sql: unknown ClickHouse format 'Excel'");
  }

  @Test
  void eraseNeedsAPersonAndRefusesABlankOne() {
    assertThat(EraseMain.run(new String[] {"--dry-run"}, Map.of(), output.out(), output.err()))
        .isEqualTo(Commands.USAGE);
    assertThat(
            EraseMain.run(
                new String[] {"--email", " ", "--engineer"}, Map.of(), output.out(), output.err()))
        .isEqualTo(Commands.USAGE);

    assertThat(output.errText())
        .contains("erase: name the person with --engineer or --email")
        .contains("erase: --engineer needs a value")
        .contains("erase: --email needs a value");
  }
}
