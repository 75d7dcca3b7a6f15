package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./tokenlens sql} against the real ClickHouse. */
@StackTest
class SqlIT {

  @BeforeAll
  static void fill(StackScope stack) throws Exception {
    ReportFixtures.load(stack);
  }

  private static ReportIT.Output run(StackScope stack, int expectedCode, String... args) {
    ReportIT.Output output = new ReportIT.Output();
    assertThat(SqlMain.run(args, ReportFixtures.env(stack), output.out(), output.err()))
        .as(output.errText())
        .isEqualTo(expectedCode);
    return output;
  }

  @Test
  void shouldPrintAQueryAsAnAlignedTableWithTheRowCount(StackScope stack) {
    String out =
        run(
                stack,
                0,
                "SELECT team, sum(cost_usd) AS cost FROM usage_1d GROUP BY team ORDER BY cost DESC;")
            .outText();
    assertThat(out)
        .isEqualTo(
            """
        team      cost
        --------  ----
        payments    31
        search      12
        platform     4
        (3 rows)
        """);
  }

  @Test
  void shouldPassTheFormatThroughToClickHouse(StackScope stack) {
    String out =
        run(
                stack,
                0,
                "--format",
                "CSVWithNames",
                "SELECT engineer_id, count() AS requests FROM token_usage WHERE team = 'platform' GROUP BY engineer_id "
                    + "ORDER BY engineer_id")
            .outText();
    assertThat(out).isEqualTo("\"engineer_id\",\"requests\"\n\"carol\",6\n\"dave\",4\n");
  }

  @Test
  void shouldExitOneWithClickHousesMessageForABadQuery(StackScope stack) {
    ReportIT.Output output = run(stack, 1, "SELECT nope FROM token_usage");
    assertThat(output.errText()).startsWith("sql: ").contains("nope");
    assertThat(output.outText()).isEmpty();
  }

  @Test
  void shouldRefuseAnUnknownFormatAndAMissingQueryWithExitTwo(StackScope stack) {
    assertThat(run(stack, 2, "--format", "Excel", "SELECT 1").errText())
        .contains("unknown ClickHouse format 'Excel'");
    assertThat(run(stack, 2).errText()).contains("no SQL given");
  }

  @Test
  void shouldExitThreeWhenClickHouseCannotBeReached() {
    ReportIT.Output output = new ReportIT.Output();
    assertThat(
            SqlMain.run(
                new String[] {"SELECT 1"},
                Map.of("TOKENLENS_CLICKHOUSE_URL", "http://127.0.0.1:1"),
                output.out(),
                output.err()))
        .isEqualTo(3);
    assertThat(output.errText()).contains("cannot reach ClickHouse at http://127.0.0.1:1");
  }
}
