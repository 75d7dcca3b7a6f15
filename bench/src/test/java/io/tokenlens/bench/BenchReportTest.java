package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private final PipelineOptions options = PipelineOptions.parse(List.of());

  @Test
  void formatsNumbersForTheTable() {
    assertThat(BenchReport.number(48_213.7)).isEqualTo("48,214");
    assertThat(BenchReport.number(0.254)).isEqualTo("0.25");
    assertThat(BenchReport.number(Double.NaN)).isEqualTo("n/a");
    assertThat(BenchReport.bytes(3L << 30)).isEqualTo("3.0 GiB");
    assertThat(BenchReport.bytes(700L << 20)).isEqualTo("700 MiB");
  }

  @Test
  void tableHasOneRowPerFigureWithBaselineAndLimit() {
    BenchReport report =
        report(
            List.of(
                new Figure(
                    "throughput",
                    "≥ 50,000 events/s",
                    12_345,
                    "events/s",
                    60_000.0,
                    "raw produce",
                    false,
                    "streams | one thread"),
                new Figure(
                    "sink ratio", "≥ 0.70", 0.8, "", null, null, true, "insert per partition"),
                new Figure("restore", "— (reported)", 41.2, "s", null, null, null, "changelogs")));
    String table = report.markdownTable();
    assertThat(table.lines()).hasSize(5);
    assertThat(table)
        .contains(
            "| throughput | ≥ 50,000 events/s | 12,345 events/s | raw produce: 60,000 events/s | no "
                + "| streams \\| one thread |");
    assertThat(table).contains("| sink ratio | ≥ 0.70 | 0.80  | — | yes | insert per partition |");
    assertThat(table).contains("| restore | — (reported) | 41 s | — | — | changelogs |");
  }

  @Test
  void markdownNamesCommandMachineAndLoad() {
    String md = report(List.of()).markdown();
    assertThat(md)
        .contains("Command: `./tokenlens bench pipeline`")
        .contains("Machine: 2 cores, 4.0 GiB memory, Java 17")
        .contains(
            "Load average (1/5/15 min) 1.50/2.00/2.50 at the start, 3.00/3.00/3.00 at the end")
        .contains(
            "throughput phase 180 s, latency phases 60 s at 5,000 and 10,000 events/s, 100,000 engineers");
  }

  @Test
  void jsonCarriesOptionsFiguresAndDetails() {
    Map<String, Object> json = report(List.of()).toJson();
    assertThat(json)
        .containsEntry("fullLength", true)
        .containsKeys("machine", "figures", "details");
    assertThat(json.get("options"))
        .isInstanceOf(Map.class)
        .hasFieldOrPropertyWithValue("records-per-request", 100);
  }

  private BenchReport report(List<Figure> figures) {
    return new BenchReport(
        "./tokenlens bench pipeline",
        Instant.parse("2026-12-01T23:00:00Z"),
        Instant.parse("2026-12-01T23:10:00Z"),
        new BenchReport.Machine(
            2, 4L << 30, "17", "Linux amd64", new double[] {1.5, 2, 2.5}, new double[] {3, 3, 3}),
        options,
        figures,
        Map.of("k", 1));
  }
}
