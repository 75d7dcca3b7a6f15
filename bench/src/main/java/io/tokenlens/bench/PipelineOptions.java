package io.tokenlens.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  public static final String USAGE =
      """
      usage: ./tokenlens bench pipeline [options]
        --duration SECONDS         sustained-throughput phase (default 180; shorter runs are smoke runs)
        --backlog EVENTS           in that phase, send only while fewer accepted events than this have not yet
                                   landed in ClickHouse (default 100000)
        --target-rate EVENTS       events/s of the latency phase held to the p99 target (default 5000)
        --latency-rate EVENTS      events/s of the second latency phase, reported next to it (default 10000)
        --latency-seconds SECONDS  length of each latency phase (default 60)
        --engineers N              simulated engineers (default 100000)
        --records-per-request N    records per OTLP request, 1..100 (default 100)
        --raw-seconds SECONDS      raw broker produce measurement (default 10)
        --compare-rows N           rows of the sink-versus-bulk-load comparison (default 200000)
        --streams-heap SIZE        -Xmx of the streams process (default 512m)
        --streams-health-port P    streams /health port (default 9465)
        --sink-metrics-port P      sink /metrics port (default 9464)
        --streams-config FILE      extra properties for the streams process
        --sink-config FILE         extra properties for the sink process
        --profile                  record JFR profiles of the streams and sink processes
        --out DIR                  results directory (default bench/target/pipeline)
        --benchmarks-file FILE     rewritten by full-length runs (default BENCHMARKS.md)""";

  private static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("duration", "180");
    d.put("backlog", "100000");
    d.put("target-rate", "5000");
    d.put("latency-rate", "10000");
    d.put("latency-seconds", "60");
    d.put("engineers", "100000");
    d.put("records-per-request", "100");
    d.put("raw-seconds", "10");
    d.put("compare-rows", "200000");
    d.put("streams-heap", "512m");
    d.put("streams-health-port", "9465");
    d.put("sink-metrics-port", "9464");
    d.put("out", "bench/target/pipeline");
    d.put("benchmarks-file", "BENCHMARKS.md");
    return d;
  }

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
    BenchArgs r =
        BenchArgs.parse(args, DEFAULTS, Set.of("streams-config", "sink-config"), Set.of("profile"));
    int duration = r.intIn("duration", 10, 3_600);
    int backlog = r.intIn("backlog", MAX_RECORDS_PER_REQUEST, 100_000_000);
    int targetRate = r.intIn("target-rate", 1, 1_000_000);
    int latencyRate = r.intIn("latency-rate", 1, 1_000_000);
    int latencySeconds = r.intIn("latency-seconds", 5, 3_600);
    int engineers = r.intIn("engineers", 1, 10_000_000);
    int perRequest = r.intIn("records-per-request", 1, MAX_RECORDS_PER_REQUEST);
    int rawSeconds = r.intIn("raw-seconds", 1, 600);
    int compareRows = r.intIn("compare-rows", 1_000, 5_000_000);
    int healthPort = r.intIn("streams-health-port", 1, 65_535);
    int metricsPort = r.intIn("sink-metrics-port", 1, 65_535);
    String heap = r.string("streams-heap");
    if (!heap.toLowerCase(Locale.ROOT).matches("[0-9]+[kmg]")) {
      r.error("--streams-heap must be a size like 512m or 1g but is '" + heap + "'");
    }
    if (healthPort == metricsPort && healthPort > 0) {
      r.error(
          "--streams-health-port and --sink-metrics-port must differ (both " + healthPort + ")");
    }
    Optional<Path> streamsConfig = r.existingFile("streams-config");
    Optional<Path> sinkConfig = r.existingFile("sink-config");
    r.check(USAGE);
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
