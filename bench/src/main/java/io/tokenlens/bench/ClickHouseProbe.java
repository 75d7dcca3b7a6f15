package io.tokenlens.bench;

import com.clickhouse.client.api.query.GenericRecord;
import io.tokenlens.sink.ClickHouseWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark reads back from the pipeline's ClickHouse database, all from timestamps
 * recorded on the rows of {@code token_usage}: {@code accepted_at} (set by the collector when it
 * accepted the request, carried on the record through Kafka and the streams job) and {@code
 * inserted_at} ({@code DEFAULT now64(3)}: when ClickHouse received the row).
 */
final class ClickHouseProbe implements AutoCloseable {

  /** Latency percentiles of one tag's rows, in milliseconds. */
  record Latency(long rows, double p50, double p99, double max) {}

  private final ClickHouseWriter client;

  ClickHouseProbe(ClickHouseWriter client) {
    this.client = client;
  }

  /** Rows of the sessions starting with {@code tag}. */
  long rows(String tag) {
    return number(
        "SELECT count() AS n FROM token_usage WHERE startsWith(session_id, '" + tag + "-')");
  }

  /** Every row of {@code token_usage}. */
  long rows() {
    return number("SELECT count() AS n FROM token_usage");
  }

  /**
   * Rows (of any phase) that ClickHouse received within [from, to): what the pipeline landed
   * meanwhile.
   */
  long rowsInsertedBetween(Instant from, Instant to) {
    return number(
        "SELECT count() AS n FROM token_usage WHERE inserted_at >= "
            + literal(from)
            + " AND inserted_at < "
            + literal(to));
  }

  /** Accept-to-row latency of {@code tag}'s rows: {@code inserted_at - accepted_at}. */
  Latency latency(String tag) {
    GenericRecord r =
        client
            .query(
                "SELECT count() AS n, "
                    + "quantileExact(0.5)(dateDiff('millisecond', accepted_at, inserted_at)) AS p50, "
                    + "quantileExact(0.99)(dateDiff('millisecond', accepted_at, inserted_at)) AS p99, "
                    + "max(dateDiff('millisecond', accepted_at, inserted_at)) AS mx "
                    + "FROM token_usage WHERE startsWith(session_id, '"
                    + tag
                    + "-')")
            .get(0);
    return new Latency(r.getLong("n"), r.getDouble("p50"), r.getDouble("p99"), r.getDouble("mx"));
  }

  /**
   * Rows (of any phase) per 10-second interval of {@code inserted_at}, for the time series in the
   * JSON.
   */
  List<Map<String, Object>> rowsPer10Seconds() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GenericRecord r :
        client.query(
            "SELECT toString(toStartOfInterval(inserted_at, INTERVAL 10 SECOND)) AS t, "
                + "count() AS n FROM token_usage GROUP BY t ORDER BY t")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", r.getString("t"));
      m.put("rows", r.getLong("n"));
      out.add(m);
    }
    return out;
  }

  private long number(String sql) {
    return client.query(sql).get(0).getLong("n");
  }

  private static String literal(Instant t) {
    return "fromUnixTimestamp64Milli(toInt64(" + t.toEpochMilli() + "), 'UTC')";
  }

  @Override
  public void close() {
    client.close();
  }
}
