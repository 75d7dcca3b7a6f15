package io.tokenlens.sink;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sink's counters and gauges per table, rendered in the Prometheus text format. Thread-safe.
 */
public final class SinkMetrics {

  /** One documented metric. */
  private enum Metric {
    RECORDS_RECEIVED(
        "tokenlens_sink_records_received_total", "counter", "Records consumed from Kafka."),
    ROWS_INSERTED(
        "tokenlens_sink_rows_inserted_total",
        "counter",
        "Rows in inserts ClickHouse acknowledged (a replayed insert counts again, though ClickHouse drops it as a duplicate)."),
    BATCHES(
        "tokenlens_sink_batches_total",
        "counter",
        "Inserts ClickHouse acknowledged, one per insert whatever the partitions in it."),
    RETRIES(
        "tokenlens_sink_retries_total",
        "counter",
        "Insert attempts that failed retriably and were retried."),
    DEAD_LETTERED(
        "tokenlens_sink_dead_lettered_total",
        "counter",
        "Poison records sent to the dead-letter topic."),
    NARROWED(
        "tokenlens_sink_batches_rejected_total",
        "counter",
        "Batches ClickHouse refused for their content, then inserted by halves to find the rows at fault."),
    SKIPPED(
        "tokenlens_sink_skipped_total",
        "counter",
        "Tombstones of tables that do not store deletes."),
    FLUSH_SECONDS_SUM(
        "tokenlens_sink_flush_seconds_sum", "counter", "Total time spent inserting batches."),
    FLUSH_SECONDS_COUNT("tokenlens_sink_flush_seconds_count", "counter", "Batch inserts timed."),
    FLUSH_SECONDS_MAX("tokenlens_sink_flush_seconds_max", "gauge", "Longest batch insert so far."),
    CONSUMER_LAG("tokenlens_sink_consumer_lag", "gauge", "Records on the brokers not yet fetched."),
    BUFFERED_ROWS(
        "tokenlens_sink_buffered_rows", "gauge", "Records fetched and not yet committed.");

    final String name;
    final String type;
    final String help;

    Metric(String name, String type, String help) {
      this.name = name;
      this.type = type;
      this.help = help;
    }
  }

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> seconds = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> maxNanos = new ConcurrentHashMap<>();

  public void received(String table, long n) {
    add(Metric.RECORDS_RECEIVED, table, n);
  }

  public void inserted(String table, long rows) {
    add(Metric.ROWS_INSERTED, table, rows);
    add(Metric.BATCHES, table, 1);
  }

  public void retried(String table) {
    add(Metric.RETRIES, table, 1);
  }

  public void deadLettered(String table) {
    add(Metric.DEAD_LETTERED, table, 1);
  }

  public void narrowed(String table) {
    add(Metric.NARROWED, table, 1);
  }

  public void skipped(String table) {
    add(Metric.SKIPPED, table, 1);
  }

  public void lag(String table, long records) {
    gauge(Metric.CONSUMER_LAG, table).set(records);
  }

  public void buffered(String table, long records) {
    gauge(Metric.BUFFERED_ROWS, table).set(records);
  }

  /** Records one timed insert. */
  public void flushed(String table, long nanos) {
    add(Metric.FLUSH_SECONDS_COUNT, table, 1);
    seconds.computeIfAbsent(table, t -> new DoubleAdder()).add(nanos / 1e9);
    maxNanos.computeIfAbsent(table, t -> new AtomicLong()).accumulateAndGet(nanos, Math::max);
  }

  /** The value of a counter, for tests and logs. */
  public long counter(String metricName, String table) {
    LongAdder a = counters.get(metricName + "|" + table);
    return a == null ? 0 : a.sum();
  }

  /** The Prometheus text exposition of every metric. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Metric m : Metric.values()) {
      out.append("# HELP ").append(m.name).append(' ').append(m.help).append('\n');
      out.append("# TYPE ").append(m.name).append(' ').append(m.type).append('\n');
      for (Map.Entry<String, Double> e : values(m).entrySet()) {
        out.append(m.name)
            .append("{table=\"")
            .append(e.getKey())
            .append("\"} ")
            .append(format(e.getValue()))
            .append('\n');
      }
    }
    return out.toString();
  }

  private Map<String, Double> values(Metric m) {
    Map<String, Double> byTable = new TreeMap<>();
    String prefix = m.name + "|";
    switch (m) {
      case FLUSH_SECONDS_SUM -> seconds.forEach((t, v) -> byTable.put(t, v.sum()));
      case FLUSH_SECONDS_MAX -> maxNanos.forEach((t, v) -> byTable.put(t, v.get() / 1e9));
      case CONSUMER_LAG, BUFFERED_ROWS ->
          gauges.forEach(
              (k, v) -> {
                if (k.startsWith(prefix)) {
                  byTable.put(k.substring(prefix.length()), (double) v.get());
                }
              });
      default ->
          counters.forEach(
              (k, v) -> {
                if (k.startsWith(prefix)) {
                  byTable.put(k.substring(prefix.length()), (double) v.sum());
                }
              });
    }
    return byTable;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private void add(Metric m, String table, long n) {
    counters.computeIfAbsent(m.name + "|" + table, k -> new LongAdder()).add(n);
  }

  private AtomicLong gauge(Metric m, String table) {
    return gauges.computeIfAbsent(m.name + "|" + table, k -> new AtomicLong());
  }

  /** Metric names, for tests. */
  public static final String ROWS_INSERTED_TOTAL = Metric.ROWS_INSERTED.name;

  public static final String DEAD_LETTERED_TOTAL = Metric.DEAD_LETTERED.name;
  public static final String RECORDS_RECEIVED_TOTAL = Metric.RECORDS_RECEIVED.name;
  public static final String RETRIES_TOTAL = Metric.RETRIES.name;
  public static final String BATCHES_TOTAL = Metric.BATCHES.name;
}
