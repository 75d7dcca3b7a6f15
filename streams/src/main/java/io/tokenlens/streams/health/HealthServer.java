package io.tokenlens.streams.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tokenlens.streams.topology.StreamsCounters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health}: 200 while Kafka Streams runs and restores no store, 503 with the reason
 * otherwise: the state (rebalancing, starting, stopped, failed) or the stores still restoring,
 * since neither a rebalancing instance nor a restoring task processes records (for readiness checks
 * and the demo's drain). {@code GET /metrics}: the job's own counters ({@link StreamsCounters}),
 * records written and read per topic, the instance state, the number of stores restoring and what
 * restores cost (records, seconds), in Prometheus text format. JDK HTTP server; one small thread.
 */
public final class HealthServer implements AutoCloseable {

  private static final String COUNTER_GROUP = "stream-" + StreamsCounters.SCOPE + "-metrics";

  private final HttpServer server;

  public HealthServer(
      String host, int port, Supplier<KafkaStreams> streams, Restorations restorations)
      throws IOException {
    this(
        host,
        port,
        () -> health(streams.get().state(), restorations.now()),
        () -> render(streams.get(), restorations));
  }

  /**
   * Serves any process's health and metrics (the alert notifier's too): {@code /health} answers
   * what {@code health} says, {@code /metrics} the text {@code metrics} renders, each asked anew
   * per request.
   */
  public HealthServer(String host, int port, Supplier<Health> health, Supplier<String> metrics)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext(
        "/health",
        exchange -> {
          Health now = health.get();
          reply(exchange, now.status(), now.body());
        });
    server.createContext("/metrics", exchange -> reply(exchange, 200, metrics.get()));
    server.start();
  }

  /** What {@code /health} answers: its status and its body. */
  public record Health(int status, String body) {}

  /** Ready (200) only while running with no store restoring; otherwise 503 and why. */
  static Health health(KafkaStreams.State state, SortedSet<String> restoring) {
    if (state != KafkaStreams.State.RUNNING) {
      return new Health(503, state + "\n");
    }
    if (!restoring.isEmpty()) {
      return new Health(503, "RESTORING " + String.join(", ", restoring) + "\n");
    }
    return new Health(200, state + "\n");
  }

  /**
   * The counters summed over threads and tasks, per operator and counter; the records the job's
   * clients wrote and read per topic (outputs, repartitions and changelogs alike: what one event
   * costs, counted); plus the state as a labelled gauge and the stores restoring.
   */
  static String render(KafkaStreams streams, Restorations restorations) {
    Map<String, Double> totals = new TreeMap<>();
    Map<MetricName, ? extends Metric> metrics =
        streams.metrics(); // a fresh copy of every client's metrics
    for (MetricName name : distinct(metrics.keySet())) {
      Metric metric = metrics.get(name);
      String series = series(name);
      if (series != null && metric != null && metric.metricValue() instanceof Number number) {
        totals.merge(series, number.doubleValue(), Double::sum);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        "# HELP tokenlens_streams_state 1 for the current Kafka Streams state of this instance\n");
    out.append("# TYPE tokenlens_streams_state gauge\n");
    out.append("tokenlens_streams_state{state=\"").append(streams.state()).append("\"} 1\n");
    out.append(
        "# HELP tokenlens_streams_restoring_stores state store partitions being restored now\n");
    out.append("# TYPE tokenlens_streams_restoring_stores gauge\n");
    out.append("tokenlens_streams_restoring_stores ")
        .append(restorations.now().size())
        .append('\n');
    out.append(
        "# HELP tokenlens_streams_restored_records_total records restored from changelogs since"
            + " start\n");
    out.append("# TYPE tokenlens_streams_restored_records_total counter\n");
    out.append("tokenlens_streams_restored_records_total ")
        .append(restorations.restoredRecords())
        .append('\n');
    out.append(
        "# HELP tokenlens_streams_restoring_seconds_total seconds during which at least one store"
            + " was restoring\n");
    out.append("# TYPE tokenlens_streams_restoring_seconds_total counter\n");
    out.append("tokenlens_streams_restoring_seconds_total ")
        .append(String.format(Locale.ROOT, "%.3f", restorations.restoringSeconds()))
        .append('\n');
    String lastFamily = null;
    for (Map.Entry<String, Double> e : totals.entrySet()) {
      String family = e.getKey().substring(0, e.getKey().indexOf('{'));
      if (!family.equals(lastFamily)) {
        out.append("# TYPE ").append(family).append(" counter\n");
        lastFamily = family;
      }
      out.append(e.getKey()).append(' ').append((long) (double) e.getValue()).append('\n');
    }
    return out.toString();
  }

  /**
   * The metrics without the duplicates of Kafka 4.x consumers, which report their per-topic metrics
   * under the topic's name and, deprecated, under the name with '.' replaced by '_': each client
   * and topic once, under the real name.
   */
  static Collection<MetricName> distinct(Collection<MetricName> names) {
    Map<String, MetricName> once = new TreeMap<>();
    for (MetricName name : names) {
      Map<String, String> tags = new TreeMap<>(name.tags());
      tags.computeIfPresent("topic", (k, topic) -> topic.replace('.', '_'));
      once.merge(
          name.group() + "|" + name.name() + "|" + tags,
          name,
          (a, b) -> a.tags().get("topic") != null && a.tags().get("topic").contains(".") ? a : b);
    }
    return once.values();
  }

  /** The exported series a client or job metric adds to, or null for one that is not exported. */
  static String series(MetricName name) {
    String topic = name.tags().get("topic");
    if (topic != null
        && name.group().equals("producer-topic-metrics")
        && name.name().equals("record-send-total")) {
      return "tokenlens_streams_records_written_total{topic=\"" + topic + "\"}";
    }
    if (topic != null
        && name.group().equals("consumer-fetch-manager-metrics")
        && name.name().equals("records-consumed-total")) {
      return "tokenlens_streams_records_read_total{topic=\"" + topic + "\"}";
    }
    if (!COUNTER_GROUP.equals(name.group()) || !name.name().endsWith("-total")) {
      return null;
    }
    String counter =
        name.name().substring(0, name.name().length() - "-total".length()).replace('-', '_');
    String operator = name.tags().getOrDefault(StreamsCounters.SCOPE + "-id", "");
    return "tokenlens_streams_" + counter + "_total{operator=\"" + operator + "\"}";
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
