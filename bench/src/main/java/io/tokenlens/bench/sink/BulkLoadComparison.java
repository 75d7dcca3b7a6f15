package io.tokenlens.bench.sink;

import io.tokenlens.sink.ClickHouseWriter;
import io.tokenlens.sink.SinkConfig;
import io.tokenlens.sink.SinkMain;
import io.tokenlens.sink.SinkMetrics;
import io.tokenlens.sink.SinkService;
import io.tokenlens.sink.StartTimeline;
import io.tokenlens.sink.TableMapping;
import io.tokenlens.sink.TableRows;
import io.tokenlens.sink.rowbinary.RowBinaryOutput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;

/**
 * The sink's insert rate next to a direct bulk load of the same rows into the same ClickHouse: a
 * sink (its own consumer group and database) reads a topic that already holds the rows. Its insert
 * rate is the rows over the time from the first record it fetched until every record's row is
 * queryable in the table: what a running sink, already in its group, takes for a backlog, decoding
 * of the first insert included. The whole-process rate counts from its start instead (binding the
 * tables, the consumer group join, the first fetch). The same records, encoded as the sink encodes
 * them ({@code RowBinaryWithDefaults}, the cheapest input format for the server), go to a fresh
 * copy of the schema in one insert, timed from the encoded body to the server's acknowledgement:
 * the fastest load the engine takes. One such load varies by half between runs on a busy machine,
 * so the direct rate is the median of {@value #DIRECT_LOADS} loads of the same body (the table
 * emptied before each). Used by the sink benchmark and the pipeline benchmark.
 */
public final class BulkLoadComparison {

  /** Direct loads whose median is the direct rate. */
  public static final int DIRECT_LOADS = 5;

  /** How often the table's row count is read while the sink runs. */
  private static final long PROBE_INTERVAL_MS = 100;

  /** What one comparison measured. */
  public record Result(
      long rows,
      long bodyBytes,
      List<Double> directLoadSeconds,
      double sinkSeconds,
      double fetchedSeconds,
      double steadySeconds,
      double sinkCpuSeconds,
      Map<String, String> flushMetrics,
      Map<StartTimeline.Step, Double> startSteps,
      int firstInsertRows,
      List<String> inserts) {

    /** The median direct load. */
    public double directSeconds() {
      List<Double> sorted = directLoadSeconds.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }

    /**
     * CPU time of this JVM (the sink's threads, and the probe's) per row while the sink ran, in
     * microseconds.
     */
    public double sinkCpuMicrosPerRow() {
      return sinkCpuSeconds * 1e6 / rows;
    }

    public double directRowsPerSecond() {
      return rows / directSeconds();
    }

    /** The sink's insert rate: first record fetched to every row queryable. */
    public double sinkRowsPerSecond() {
      return rows / fetchedSeconds;
    }

    /** The sink's insert rate over the direct rate: the figure the target is judged on. */
    public double ratio() {
      return directSeconds() / fetchedSeconds;
    }

    /** Sink start to every row queryable: binding the tables and the group join included. */
    public double wholeRowsPerSecond() {
      return rows / sinkSeconds;
    }

    /** The whole-process rate over the direct rate. */
    public double wholeRatio() {
      return directSeconds() / sinkSeconds;
    }

    /**
     * Sink start to the first record fetched: binding the tables (in parallel), the group join, the
     * first fetch.
     */
    public double startSeconds() {
      return sinkSeconds - fetchedSeconds;
    }

    /**
     * First to last row inserted by the sink: excludes the start and the first insert's decoding.
     */
    public double steadyRowsPerSecond() {
      return rows / Math.max(steadySeconds, 1e-3);
    }

    /**
     * The sink's start step by step: seconds from its start to each step it recorded, then to every
     * row queryable, e.g. {@code ASSIGNED 0.31 s, FIRST_FETCH 0.35 s, ..., all rows queryable 2.10
     * s}.
     */
    public String startBreakdown() {
      StringBuilder line = new StringBuilder();
      startSteps.forEach(
          (step, seconds) -> line.append(String.format("%s %.2f s, ", step, seconds)));
      return line.append(String.format("all rows queryable %.2f s", sinkSeconds)).toString();
    }
  }

  /** A record as the topic holds it. */
  public record SourceRecord(String key, SpecificRecord value, int partition, long offset) {}

  private BulkLoadComparison() {}

  /**
   * Runs both. {@code sinkConfig} names the sink's database and its topics (which must hold at
   * least the rows); {@code direct} names the database of the direct load; both are created and
   * migrated, and left for the caller to drop.
   */
  public static Result run(
      SinkConfig sinkConfig,
      SinkConfig direct,
      TableMapping mapping,
      List<SourceRecord> records,
      Duration timeout)
      throws Exception {
    SinkMain.applyMigrations(sinkConfig);
    SinkMain.applyMigrations(direct);
    String table = mapping.table();
    List<byte[]> rows = new java.util.ArrayList<>(records.size());
    List<Double> directSeconds = new java.util.ArrayList<>();
    byte[] body;
    try (ClickHouseWriter writer = new ClickHouseWriter(direct)) {
      TableRows encoder = writer.rows(mapping);
      for (SourceRecord r : records) {
        rows.add(encoder.row(r.key(), r.value(), r.partition(), r.offset()));
      }
      body = RowBinaryOutput.concat(rows);
      for (int i = 0; i < DIRECT_LOADS; i++) {
        writer.execute("TRUNCATE TABLE " + table);
        long start = System.nanoTime();
        writer.insert(table, body, "bulk-" + System.nanoTime());
        directSeconds.add((System.nanoTime() - start) / 1e9);
      }
    }

    SinkMetrics metrics = new SinkMetrics();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (SinkService service = new SinkService(sinkConfig, metrics);
        ClickHouseWriter probe = new ClickHouseWriter(sinkConfig)) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  service.run();
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "sink-comparison");
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      long deadline = start + timeout.toNanos();
      long end;
      thread.start();
      try {
        while (number(probe, "SELECT count() AS n FROM " + table) < rows.size()) {
          if (failure.get() != null) {
            throw new IllegalStateException("sink failed", failure.get());
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the sink did not insert " + rows.size() + " rows within " + timeout);
          }
          Thread.sleep(PROBE_INTERVAL_MS);
        }
        end = System.nanoTime();
      } finally {
        service.stop();
        thread.join(30_000);
      }
      double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      long firstFetch = service.firstFetchNanos().orElseThrow();
      double steady =
          number(
                  probe,
                  "SELECT dateDiff('millisecond', min(inserted_at), max(inserted_at)) AS n FROM "
                      + table)
              / 1e3;
      Map<String, String> flush = new java.util.LinkedHashMap<>();
      metrics
          .render()
          .lines()
          .filter(
              l -> l.startsWith("tokenlens_sink_flush") || l.startsWith("tokenlens_sink_batches"))
          .forEach(
              l -> {
                int space = l.lastIndexOf(' ');
                flush.put(l.substring(0, space), l.substring(space + 1));
              });
      return new Result(
          rows.size(),
          body.length,
          List.copyOf(directSeconds),
          (end - start) / 1e9,
          (end - firstFetch) / 1e9,
          steady,
          cpuSeconds,
          flush,
          service.startTimeline().secondsFromStart(),
          service.startTimeline().firstInsertRows(),
          service.startTimeline().insertsFromStart());
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The single number a query returns, in a column named {@code n}. */
  public static long number(ClickHouseWriter writer, String sql) {
    return writer.query(sql).get(0).getLong("n");
  }
}
