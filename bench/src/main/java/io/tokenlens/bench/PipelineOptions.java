package io.tokenlens.bench;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Options of {@code ./tokenlens bench pipeline}, validated at once: every problem is reported
 * together.
 *
 * @param durationSeconds length of the sustained-throughput phase (the pinned workload needs at
 *     least 180)
 * @param backlog the throughput phase's bound on accepted events not yet landed in ClickHouse: the
 *     load waits while more are, so the phase measures what the pipeline sustains rather than how a
 *     queue grows
 * @param targetRate events/s of the paced latency phase held to the p99 target
 * @param latencyRate events/s of the second paced latency phase, reported next to it
 * @param latencySeconds length of the latency phase
 * @param engineers simulated engineers in the directory and the traffic (streams RSS is measured at
 *     this size)
 * @param recordsPerRequest records per OTLP request (at most 100, as Claude Code's exporter
 *     batches)
 * @param rawSeconds length of the raw broker produce measurement
 * @param compareRows rows of the sink-versus-bulk-load comparison
 * @param streamsHeap {@code -Xmx} of the streams process
 * @param streamsHealthPort port of the streams process's {@code /health}
 * @param sinkMetricsPort port of the sink process's {@code /metrics} and {@code /health}
 * @param streamsConfig extra properties for the streams process (tuning experiments)
 * @param sinkConfig extra properties for the sink process
 * @param profile whether the streams and sink processes record a JFR profile
 * @param out directory of the results (JSON, Markdown, logs, profiles)
 * @param benchmarksFile the {@code BENCHMARKS.md} a full-length run rewrites
 */
public record PipelineOptions(
    int durationSeconds,
    int backlog,
    int targetRate,
    int latencyRate,
    int latencySeconds,
    int engineers,
    int recordsPerRequest,
    int rawSeconds,
    int compareRows,
    String streamsHeap,
    int streamsHealthPort,
    int sinkMetricsPort,
    Optional<Path> streamsConfig,
    Optional<Path> sinkConfig,
    boolean profile,
    Path out,
    Path benchmarksFile) {

  /** The shortest throughput phase the pinned workload accepts ("over at least three minutes"). */
  public static final int FULL_LENGTH_SECONDS = 180;

  /** OTLP requests carry at most this many records. */
  public static final int MAX_RECORDS_PER_REQUEST = 100;

  public static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens bench pipeline [options]")
          .option(
              "duration",
              "SECONDS",
              "sustained-throughput phase (shorter than 180: a smoke run)",
              "180")
          .option(
              "backlog",
              "EVENTS",
              "in that phase, send only while fewer accepted events than this have not yet\n"
                  + "landed in ClickHouse",
              "100000")
          .option(
              "target-rate",
              "EVENTS",
              "events/s of the latency phase held to the p99 target",
              "5000")
          .option(
              "latency-rate",
              "EVENTS",
              "events/s of the second latency phase, reported next to it",
              "10000")
          .option("latency-seconds", "SECONDS", "length of each latency phase", "60")
          .option("engineers", "N", "simulated engineers", "100000")
          .option("records-per-request", "N", "records per OTLP request, 1..100", "100")
          .option("raw-seconds", "SECONDS", "raw broker produce measurement", "10")
          .option("compare-rows", "N", "rows of the sink-versus-bulk-load comparison", "200000")
          .option("streams-heap", "SIZE", "-Xmx of the streams process", "512m")
          .option("streams-health-port", "P", "streams /health port", "9465")
          .option("sink-metrics-port", "P", "sink /metrics port", "9464")
          .option("streams-config", "FILE", "extra properties for the streams process")
          .option("sink-config", "FILE", "extra properties for the sink process")
          .flag("profile", "record JFR profiles of the streams and sink processes")
          .option("out", "DIR", "results directory", "bench/target/pipeline")
          .option("benchmarks-file", "FILE", "rewritten by full-length runs", "BENCHMARKS.md");

  /**
   * Whether this run measures the pinned workload for long enough to stand in {@code
   * BENCHMARKS.md}.
   */
  public boolean fullLength() {
    return durationSeconds >= FULL_LENGTH_SECONDS;
  }

  /** The options as they would be given on the command line. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("duration", durationSeconds);
    m.put("backlog", backlog);
    m.put("target-rate", targetRate);
    m.put("latency-rate", latencyRate);
    m.put("latency-seconds", latencySeconds);
    m.put("engineers", engineers);
    m.put("records-per-request", recordsPerRequest);
    m.put("raw-seconds", rawSeconds);
    m.put("compare-rows", compareRows);
    m.put("streams-heap", streamsHeap);
    m.put("streams-health-port", streamsHealthPort);
    m.put("sink-metrics-port", sinkMetricsPort);
    streamsConfig.ifPresent(p -> m.put("streams-config", p.toString()));
    sinkConfig.ifPresent(p -> m.put("sink-config", p.toString()));
    m.put("profile", profile);
    m.put("out", out.toString());
    m.put("benchmarks-file", benchmarksFile.toString());
    return m;
  }

  /**
   * Parses {@code --name value} pairs and the {@code --profile} flag; throws with every problem
   * found.
   */
  public static PipelineOptions parse(List<String> args) {
    Arguments r = COMMAND_LINE.parse(args);
    int duration = r.intBetween("duration", 10, 3_600);
    int backlog = r.intBetween("backlog", MAX_RECORDS_PER_REQUEST, 100_000_000);
    int targetRate = r.intBetween("target-rate", 1, 1_000_000);
    int latencyRate = r.intBetween("latency-rate", 1, 1_000_000);
    int latencySeconds = r.intBetween("latency-seconds", 5, 3_600);
    int engineers = r.intBetween("engineers", 1, 10_000_000);
    int perRequest = r.intBetween("records-per-request", 1, MAX_RECORDS_PER_REQUEST);
    int rawSeconds = r.intBetween("raw-seconds", 1, 600);
    int compareRows = r.intBetween("compare-rows", 1_000, 5_000_000);
    int healthPort = r.intBetween("streams-health-port", 1, 65_535);
    int metricsPort = r.intBetween("sink-metrics-port", 1, 65_535);
    String heap = r.string("streams-heap");
    if (!heap.toLowerCase(Locale.ROOT).matches("[0-9]+[kmg]")) {
      r.error("--streams-heap must be a size like 512m or 1g but is '" + heap + "'");
    }
    if (healthPort == metricsPort && healthPort > 0) {
      r.error(
          "--streams-health-port and --sink-metrics-port must differ (both " + healthPort + ")");
    }
    Optional<Path> streamsConfig = BenchArgs.existingFile(r, "streams-config");
    Optional<Path> sinkConfig = BenchArgs.existingFile(r, "sink-config");
    r.throwIfInvalid();
    return new PipelineOptions(
        duration,
        backlog,
        targetRate,
        latencyRate,
        latencySeconds,
        engineers,
        perRequest,
        rawSeconds,
        compareRows,
        heap,
        healthPort,
        metricsPort,
        streamsConfig,
        sinkConfig,
        r.flag("profile"),
        Path.of(r.string("out")),
        Path.of(r.string("benchmarks-file")));
  }
}
