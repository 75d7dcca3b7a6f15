package io.tokenlens.ingest.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's counters, rendered in the Prometheus text format on {@code /metrics}. Thread-safe;
 * one instance per service.
 */
public final class IngestMetrics {

  /** Upper bounds (seconds) of the publish-latency histogram buckets. */
  /**
   * Label sets one counter keeps at most; further ones are counted under {@value #OVERFLOW} in
   * every label. Callers pass only names they know, so this is a backstop: a label taken from a
   * request can never grow memory without bound.
   */
  static final int MAX_SERIES_PER_COUNTER = 1000;

  static final String OVERFLOW = "overflow";

  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> ignored = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> grpcCalls = new ConcurrentHashMap<>();
  private final AtomicLongArray latencyBuckets = new AtomicLongArray(LATENCY_BUCKETS.length);
  private final LongAdder latencyCount = new LongAdder();
  private final DoubleAdder latencySum = new DoubleAdder();

  /** Records (events, log records, data points, spans) that arrived at an endpoint. */
  public void received(String endpoint, long n) {
    add(received, endpoint, n);
  }

  /** Records published to Kafka and acknowledged, by topic. */
  public void accepted(String topic, long n) {
    add(accepted, topic, n);
  }

  /** Records or requests refused, by endpoint and reason. */
  public void rejected(String endpoint, String reason, long n) {
    add(rejected, endpoint + "\u0000" + reason, n);
  }

  /**
   * Records recognised as authentic but of no use to tokenlens (unknown event types, other
   * metrics).
   */
  public void ignored(String endpoint, long n) {
    add(ignored, endpoint, n);
  }

  /** Records sent to a dead-letter topic, by topic. */
  public void deadLettered(String topic, long n) {
    add(deadLettered, topic, n);
  }

  /** HTTP requests answered, by endpoint and status code. */
  public void request(String endpoint, int status) {
    add(requests, endpoint + "\u0000" + status, 1);
  }

  /**
   * OTLP/gRPC calls answered, by component and gRPC status code name ({@code OK}, {@code
   * UNAVAILABLE}, ...).
   */
  public void grpcCall(String endpoint, String code) {
    add(grpcCalls, endpoint + "\u0000" + code, 1);
  }

  /** Time from handing a batch to the producer until Kafka acknowledged all of it. */
  public void publishLatency(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= LATENCY_BUCKETS[i]) {
        latencyBuckets.incrementAndGet(i);
      }
    }
    latencyCount.increment();
    latencySum.add(seconds);
  }

  public long acceptedTotal(String topic) {
    LongAdder a = accepted.get(topic);
    return a == null ? 0 : a.sum();
  }

  private static void add(Map<String, LongAdder> map, String key, long n) {
    LongAdder adder = map.get(key);
    if (adder == null) {
      String bounded =
          map.size() < MAX_SERIES_PER_COUNTER ? key : key.replaceAll("[^\u0000]+", OVERFLOW);
      adder = map.computeIfAbsent(bounded, k -> new LongAdder());
    }
    adder.add(n);
  }

  /** The Prometheus text exposition format, version 0.0.4. */
  public String render() {
    StringBuilder out = new StringBuilder(2048);
    family(
        out,
        "tokenlens_ingest_received_total",
        "Records received, by endpoint.",
        received,
        "endpoint");
    family(
        out,
        "tokenlens_ingest_accepted_total",
        "Records published and acknowledged by Kafka, by topic.",
        accepted,
        "topic");
    family(
        out,
        "tokenlens_ingest_rejected_total",
        "Records or requests refused, by endpoint and reason.",
        rejected,
        "endpoint",
        "reason");
    family(
        out,
        "tokenlens_ingest_ignored_total",
        "Authentic records of no use to tokenlens, by endpoint.",
        ignored,
        "endpoint");
    family(
        out,
        "tokenlens_ingest_dead_letter_total",
        "Records sent to a dead-letter topic, by topic.",
        deadLettered,
        "topic");
    family(
        out,
        "tokenlens_ingest_http_requests_total",
        "HTTP requests answered, by endpoint and status.",
        requests,
        "endpoint",
        "status");
    family(
        out,
        "tokenlens_ingest_grpc_calls_total",
        "OTLP/gRPC calls answered, by endpoint and status code.",
        grpcCalls,
        "endpoint",
        "code");
    out.append(
        "# HELP tokenlens_ingest_publish_latency_seconds Producer hand-off to Kafka acknowledgement, per batch.\n");
    out.append("# TYPE tokenlens_ingest_publish_latency_seconds histogram\n");
    for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
      out.append("tokenlens_ingest_publish_latency_seconds_bucket{le=\"")
          .append(LATENCY_BUCKETS[i])
          .append("\"} ")
          .append(latencyBuckets.get(i))
          .append('\n');
    }
    out.append("tokenlens_ingest_publish_latency_seconds_bucket{le=\"+Inf\"} ")
        .append(latencyCount.sum())
        .append('\n');
    out.append("tokenlens_ingest_publish_latency_seconds_sum ")
        .append(latencySum.sum())
        .append('\n');
    out.append("tokenlens_ingest_publish_latency_seconds_count ")
        .append(latencyCount.sum())
        .append('\n');
    return out.toString();
  }

  private static void family(
      StringBuilder out,
      String name,
      String help,
      Map<String, LongAdder> values,
      String... labels) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    new java.util.TreeMap<>(values)
        .forEach(
            (key, adder) -> {
              String[] parts = key.split("\u0000", -1);
              out.append(name).append('{');
              for (int i = 0; i < labels.length; i++) {
                if (i > 0) {
                  out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escape(parts[i])).append('"');
              }
              out.append("} ").append(adder.sum()).append('\n');
            });
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
