package io.tokenlens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run: the figures, the machine, the command and its options, the load average
 * and the raw measurements behind the figures; written as JSON and as a Markdown table.
 *
 * @param details measurements behind the figures (rates per phase, CPU per process, time series),
 *     for the JSON
 */
public record BenchReport(
    String command,
    Instant startedAt,
    Instant finishedAt,
    Machine machine,
    PipelineOptions options,
    List<Figure> figures,
    Map<String, Object> details) {

  /** The machine as the run saw it; load averages at the start and end. */
  public record Machine(
      int cores,
      long memoryBytes,
      String java,
      String os,
      double[] loadAtStart,
      double[] loadAtEnd) {}

  /** The Markdown table: figure, target, measured, baseline, what limited it. */
  public String markdownTable() {
    StringBuilder b = new StringBuilder();
    b.append("| figure | target | measured | baseline (same run) | met | what limited it |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Figure f : figures) {
      b.append("| ")
          .append(f.name())
          .append(" | ")
          .append(f.target())
          .append(" | ")
          .append(number(f.measured()))
          .append(' ')
          .append(f.unit())
          .append(" | ")
          .append(
              f.baseline() == null
                  ? "—"
                  : f.baselineName() + ": " + number(f.baseline()) + " " + f.unit())
          .append(" | ")
          .append(f.met() == null ? "—" : f.met() ? "yes" : "no")
          .append(" | ")
          .append(f.limitedBy().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }

  /** The table with the command, the machine and the date around it. */
  public String markdown() {
    return String.format(
        Locale.ROOT,
        """
        Command: `%s`

        Machine: %d cores, %s memory, Java %s, %s. Load average (1/5/15 min) %s at the start, %s at the end \
        (the cores are shared with other work).

        Run: %s to %s UTC; throughput phase %d s, latency phases %d s at %,d and %,d events/s, %,d engineers, %d \
        records per OTLP request.

        %s""",
        command,
        machine.cores(),
        bytes(machine.memoryBytes()),
        machine.java(),
        machine.os(),
        load(machine.loadAtStart()),
        load(machine.loadAtEnd()),
        startedAt,
        finishedAt,
        options.durationSeconds(),
        options.latencySeconds(),
        options.targetRate(),
        options.latencyRate(),
        options.engineers(),
        options.recordsPerRequest(),
        markdownTable());
  }

  /** Writes {@code pipeline-bench.json} and {@code pipeline-bench.md} into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("pipeline-bench.json").toFile(), toJson());
    Files.writeString(dir.resolve("pipeline-bench.md"), markdown());
  }

  /** The content of the JSON file: plain maps, lists, strings and numbers. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("command", command);
    m.put("startedAt", startedAt.toString());
    m.put("finishedAt", finishedAt.toString());
    m.put("machine", machine);
    m.put("options", options.asMap());
    m.put("fullLength", options.fullLength());
    m.put("figures", figures);
    m.put("details", details);
    return m;
  }

  /** A number for the table: thousands separated, two decimals below 10, none above. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) < 10
        ? String.format(Locale.ROOT, "%.2f", v)
        : String.format(Locale.ROOT, "%,.0f", v);
  }

  static String bytes(long b) {
    return b >= 1L << 30
        ? String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30))
        : String.format(Locale.ROOT, "%d MiB", b >> 20);
  }

  private static String load(double[] l) {
    return l == null || l.length < 3
        ? "n/a"
        : String.format(Locale.ROOT, "%.2f/%.2f/%.2f", l[0], l[1], l[2]);
  }
}
