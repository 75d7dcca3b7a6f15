package io.tokenlens.bench;

import io.tokenlens.sink.ClickHouseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code ./tokenlens bench pipeline [options]} ({@link
 * PipelineOptions#COMMAND_LINE}); the stack comes from {@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS},
 * {@code TOKENLENS_SCHEMA_REGISTRY_URL} and {@code TOKENLENS_CLICKHOUSE_URL}; the repository root
 * (whose {@code streams/target} and {@code sink/target} hold the services) from the system property
 * {@code tokenlens.root}. Exits 2 on invalid options; {@code --help} prints the usage.
 */
public final class PipelineBenchMain {

  private static final Logger log = LoggerFactory.getLogger(PipelineBenchMain.class);

  private PipelineBenchMain() {}

  public static void main(String[] args) throws Exception {
    PipelineOptions options =
        BenchArgs.parseOrExit(args, PipelineOptions.COMMAND_LINE, PipelineOptions::parse);
    Path root = Path.of(System.getProperty("tokenlens.root", ".")).toAbsolutePath().normalize();
    String bootstrap = BenchArgs.stackEnv("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS");
    String registry = BenchArgs.stackEnv("TOKENLENS_SCHEMA_REGISTRY_URL");
    ClickHouseUrl clickhouse = ClickHouseUrl.parse(BenchArgs.stackEnv("TOKENLENS_CLICKHOUSE_URL"));
    Path out = root.resolve(options.out());
    String command =
        "./tokenlens bench pipeline" + (args.length == 0 ? "" : " " + String.join(" ", args));

    Instant started = Instant.now();
    double[] loadAtStart = CpuTime.loadAverage();
    BenchReport report;
    Path dir = out.resolve("run-" + started.toEpochMilli());
    try (PipelineStack stack =
        new PipelineStack(root, options, bootstrap, registry, clickhouse, dir)) {
      PipelineBenchmark bench = new PipelineBenchmark(options, stack);
      List<Figure> figures = bench.run();
      bench.details().put("run", stack.run);
      report =
          new BenchReport(
              command,
              started,
              Instant.now(),
              machine(loadAtStart),
              options,
              figures,
              bench.details());
    }
    report.write(dir);
    report.write(out);
    System.out.println();
    System.out.println(report.markdown());
    System.out.println(
        "results: "
            + out.resolve("pipeline-bench.json")
            + " and "
            + out.resolve("pipeline-bench.md"));
    if (options.fullLength()) {
      Path file = root.resolve(options.benchmarksFile());
      BenchmarksFile.write(file, report.markdown());
      System.out.println("updated " + file);
    } else {
      System.out.println(
          "a smoke run (--duration below "
              + PipelineOptions.FULL_LENGTH_SECONDS
              + " s): BENCHMARKS.md left unchanged");
    }
  }

  private static BenchReport.Machine machine(double[] loadAtStart) {
    long memory = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memory = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      log.debug("no /proc/meminfo: {}", e.toString());
    }
    return new BenchReport.Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        loadAtStart,
        CpuTime.loadAverage());
  }
}
