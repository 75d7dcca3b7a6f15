package io.tokenlens.bench;

import io.tokenlens.bench.sink.BulkLoadComparison;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of the pinned workload, each with its target and what limited it in this run. */
final class Figures {

  static final double THROUGHPUT_TARGET = 15_000;
  static final double RAW_RATIO_TARGET = 0.08;
  static final double CPU_MICROS_TARGET = 60;
  static final double LATENCY_P99_TARGET_MS = 2_000;
  static final double SINK_RATIO_TARGET = 0.70;
  static final long RSS_TARGET_BYTES = 1L << 30;

  private final PipelineOptions options;

  Figures(PipelineOptions options) {
    this.options = options;
  }

  @SuppressWarnings("unchecked")
  List<Figure> all(
      double raw,
      Map<String, Object> tp,
      ClickHouseProbe.Latency latency,
      LoadDriver.Sent lat,
      ClickHouseProbe.Latency highLatency,
      LoadDriver.Sent high,
      BulkLoadComparison.Result cmp,
      long peakRss,
      StreamsRestore restore) {
    return List.of(
        throughput(raw, tp, (Map<String, Object>) tp.get("cpuCoresUsed")),
        streamsCpu(tp),
        latency(latency, lat, highLatency, high),
        sink(cmp),
        rss(peakRss),
        restore(restore));
  }

  Figure throughput(double raw, Map<String, Object> tp, Map<String, Object> cores) {
    double landed = (double) tp.get("landedEventsPerSecond");
    double accepted = (double) tp.get("acceptedEventsPerSecond");
    long rawRecords = (long) tp.get("tokenUsageEndOffsetsAtEnd");
    long enriched = (long) tp.get("tokenUsageEnrichedEndOffsetsAtEnd");
    String limit =
        String.format(
            Locale.ROOT,
            "%.3f of the raw produce rate; offered as fast as the collectors took it while the backlog (events not "
                + "landed, or records the streams job had still to read) was under %s; "
                + "collectors accepted %s events/s; at the end %s records were on token-usage and about %s on "
                + "token-usage-enriched (%s); CPU cores used: streams %.2f, sink %.2f, collectors and load generator %.2f; "
                + "machine %.0f%% busy",
            landed / raw,
            BenchReport.number(((Number) tp.get("backlogBound")).doubleValue()),
            BenchReport.number(accepted),
            BenchReport.number(rawRecords),
            BenchReport.number(enriched),
            backlogStage(rawRecords, enriched, (long) tp.get("rowsInClickHouseAtEnd")),
            (double) cores.get("streams"),
            (double) cores.get("sink"),
            (double) cores.get("collectorsAndLoad"),
            100 * (double) tp.get("machineCpuBusyShare"));
    return new Figure(
        "whole-pipeline sustained throughput (rows landed in ClickHouse over "
            + options.durationSeconds()
            + " s)",
        "≥ 15,000 events/s, ≥ 0.08 of raw produce",
        landed,
        "events/s",
        raw,
        "raw broker produce (acks=all)",
        landed >= THROUGHPUT_TARGET && landed >= RAW_RATIO_TARGET * raw,
        limit);
  }

  /**
   * CPU seconds of the streams process in the throughput phase over the requests it read from
   * token-usage then.
   */
  Figure streamsCpu(Map<String, Object> tp) {
    Object micros = tp.get("streamsCpuMicrosPerEvent");
    double measured = micros == null ? Double.NaN : (double) micros;
    String limit =
        "CPU time of the streams process (/proc/<pid>/stat) over the throughput phase, divided by the "
            + "requests it read from token-usage in that phase; what one request costs: records written and read per "
            + "request and their topics in the JSON (streamsRecordsPerEvent)";
    return new Figure(
        "streams CPU per event",
        "≤ 60 µs",
        measured,
        "µs",
        null,
        null,
        measured <= CPU_MICROS_TARGET,
        limit);
  }

  /** Which stage holds the backlog: the one whose input grew furthest beyond its output. */
  static String backlogStage(long raw, long enriched, long landed) {
    long streamsBacklog = raw - enriched;
    long sinkBacklog = enriched - landed;
    if (streamsBacklog <= 0 && sinkBacklog <= 0) {
      return "no backlog";
    }
    return streamsBacklog >= sinkBacklog
        ? "the streams job is the bottleneck: "
            + BenchReport.number(streamsBacklog)
            + " events not yet enriched"
        : "the sink is the bottleneck: about "
            + BenchReport.number(sinkBacklog)
            + " enriched events not yet landed";
  }

  /**
   * The p99 from accept to row at {@code --target-rate} ({@code latency}, {@code lat}), held to the
   * target, with the percentiles at {@code --latency-rate} ({@code highLatency}, {@code high}) next
   * to it.
   */
  Figure latency(
      ClickHouseProbe.Latency latency,
      LoadDriver.Sent lat,
      ClickHouseProbe.Latency highLatency,
      LoadDriver.Sent high) {
    String limit =
        String.format(
            Locale.ROOT,
            "offered %s events/s, %s of %s rows landed; p50 %s ms, max %s ms; at %s events/s offered (%s of %s rows "
                + "landed) p50 %s ms, p99 %s ms; the time from accept to row is the collector's Kafka write, the "
                + "streams commit interval and transaction, and the sink's batch wait (sink.batch.max.wait.ms) and "
                + "insert, plus any queue in front of a stage slower than the offered rate",
            BenchReport.number(lat.eventsPerSecond()),
            BenchReport.number(latency.rows()),
            BenchReport.number(lat.events()),
            BenchReport.number(latency.p50()),
            BenchReport.number(latency.max()),
            BenchReport.number(high.eventsPerSecond()),
            BenchReport.number(highLatency.rows()),
            BenchReport.number(high.events()),
            BenchReport.number(highLatency.p50()),
            BenchReport.number(highLatency.p99()));
    boolean complete = latency.rows() >= lat.events();
    return new Figure(
        "accept → row in ClickHouse, p99 at "
            + BenchReport.number(options.targetRate())
            + " events/s",
        "p99 ≤ 2,000 ms",
        latency.p99(),
        "ms",
        latency.p50(),
        "p50",
        complete && latency.p99() <= LATENCY_P99_TARGET_MS,
        limit);
  }

  Figure sink(BulkLoadComparison.Result cmp) {
    String limit =
        String.format(
            Locale.ROOT,
            "sink %s rows/s from the first record fetched to every row queryable (whole process from its start %s "
                + "rows/s, ratio %.2f, %.2f s to the first record fetched; steady state %s rows/s; %.1f µs CPU per row) "
                + "vs one %.0f MB RowBinaryWithDefaults insert of the same %s rows at %s rows/s; inserts: %s",
            BenchReport.number(cmp.sinkRowsPerSecond()),
            BenchReport.number(cmp.wholeRowsPerSecond()),
            cmp.wholeRatio(),
            cmp.startSeconds(),
            BenchReport.number(cmp.steadyRowsPerSecond()),
            cmp.sinkCpuMicrosPerRow(),
            cmp.bodyBytes() / 1e6,
            BenchReport.number(cmp.rows()),
            BenchReport.number(cmp.directRowsPerSecond()),
            cmp.flushMetrics());
    return new Figure(
        "sink insert rate / direct bulk load of the same rows",
        "≥ 0.70",
        cmp.ratio(),
        "",
        null,
        null,
        cmp.ratio() >= SINK_RATIO_TARGET,
        limit);
  }

  Figure rss(long peakRss) {
    String limit =
        String.format(
            Locale.ROOT,
            "streams JVM with -Xmx%s, RocksDB bounded by streams.rocksdb.block.cache.bytes; the directory of %s "
                + "engineers is a global store",
            options.streamsHeap(),
            BenchReport.number(options.engineers()));
    return new Figure(
        "streams peak RSS at " + BenchReport.number(options.engineers()) + " engineers (VmRSS)",
        "≤ 1,024 MiB",
        peakRss / (double) (1L << 20),
        "MiB",
        null,
        null,
        peakRss <= RSS_TARGET_BYTES,
        limit);
  }

  /** A new streams instance's restore of the run's state: reported, no target. */
  Figure restore(StreamsRestore restore) {
    String limit =
        String.format(
            Locale.ROOT,
            "after the run, the streams job stopped and a new instance started on an empty state directory (a lost "
                + "instance replaced without a standby): %s records restored from the changelogs, global stores "
                + "included, in %.1f s of restoring (%s records/s); the rest is the JVM start and the group join",
            BenchReport.number(restore.restoredRecords()),
            restore.restoringSeconds(),
            BenchReport.number(restore.recordsPerSecond()));
    return new Figure(
        "streams restore of the whole state from the changelogs (start → /health 200)",
        "— (reported)",
        restore.secondsToHealthy(),
        "s",
        null,
        null,
        null,
        limit);
  }
}
