package io.tokenlens.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records the streams job wrote and read per topic, from its {@code /metrics} ({@code
 * tokenlens_streams_records_written_total} and {@code _read_total}): two snapshots give what one
 * input event cost it in records, outputs, repartitions and changelogs alike. Also keeps the series
 * without labels ({@link #value}).
 */
final class StreamsRecordCounts {

  private static final Pattern LINE =
      Pattern.compile(
          "^tokenlens_streams_records_(written|read)_total\\{topic=\"([^\"]+)\"} (\\d+)$");
  private static final Pattern UNLABELLED = Pattern.compile("^([a-z_]+) ([0-9.eE+-]+)$");

  final Map<String, Long> written;
  final Map<String, Long> read;
  private final Map<String, Double> unlabelled;

  private StreamsRecordCounts(
      Map<String, Long> written, Map<String, Long> read, Map<String, Double> unlabelled) {
    this.written = written;
    this.read = read;
    this.unlabelled = unlabelled;
  }

  /** The counts the job reports now at {@code metrics}. */
  static StreamsRecordCounts scrape(URI metrics) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String body =
        http.send(
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Long> written = new TreeMap<>();
    Map<String, Long> read = new TreeMap<>();
    Map<String, Double> unlabelled = new TreeMap<>();
    for (String line : body.split("\n")) {
      Matcher m = LINE.matcher(line.trim());
      if (m.matches()) {
        (m.group(1).equals("written") ? written : read)
            .merge(m.group(2), Long.parseLong(m.group(3)), Long::sum);
      }
      Matcher u = UNLABELLED.matcher(line.trim());
      if (u.matches()) {
        unlabelled.put(u.group(1), Double.parseDouble(u.group(2)));
      }
    }
    return new StreamsRecordCounts(written, read, unlabelled);
  }

  /** The value of a series without labels; fails when the job does not report it. */
  double value(String series) {
    Double v = unlabelled.get(series);
    if (v == null) {
      throw new IllegalStateException("the streams job's /metrics has no series " + series);
    }
    return v;
  }

  /**
   * Records written and read per record read from {@code inputTopic} between {@code before} and
   * this snapshot, in all and per topic written; empty when no input was read.
   */
  Map<String, Object> perInputRecordSince(StreamsRecordCounts before, String inputTopic) {
    long inputs = delta(read, before.read, inputTopic::equals);
    Map<String, Object> out = new LinkedHashMap<>();
    if (inputs <= 0) {
      return out;
    }
    out.put("inputRecords", inputs);
    out.put("written", delta(written, before.written, t -> true) / (double) inputs);
    out.put("read", delta(read, before.read, t -> true) / (double) inputs);
    Map<String, Double> byTopic = new TreeMap<>();
    written.forEach(
        (topic, n) -> {
          long d = n - before.written.getOrDefault(topic, 0L);
          if (d > 0) {
            byTopic.put(topic, d / (double) inputs);
          }
        });
    out.put("writtenByTopic", byTopic);
    return out;
  }

  private static long delta(
      Map<String, Long> now, Map<String, Long> then, java.util.function.Predicate<String> topic) {
    long sum = 0;
    for (Map.Entry<String, Long> e : now.entrySet()) {
      if (topic.test(e.getKey())) {
        sum += e.getValue() - then.getOrDefault(e.getKey(), 0L);
      }
    }
    return sum;
  }
}
