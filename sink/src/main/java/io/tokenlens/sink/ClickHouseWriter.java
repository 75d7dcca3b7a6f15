package io.tokenlens.sink;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Inserts batches into ClickHouse with client-v2: the rows travel as {@code JSONEachRow} in the request body, with
 * the batch's {@code insert_deduplication_token}. Chosen over JDBC batches, which the driver renders as one
 * {@code INSERT ... VALUES} SQL text (see the module README for the measurement).
 */
public final class ClickHouseWriter implements AutoCloseable {

  private final Client client;
  private final Duration timeout;

  public ClickHouseWriter(SinkConfig config) {
    this(config.clickhouseEndpoint().toString(), config.clickhouseDatabase(), config.clickhouseUser(),
        config.clickhousePassword(), config.clickhouseSocketTimeout());
  }

  public ClickHouseWriter(String endpoint, String database, String user, String password, Duration timeout) {
    this.timeout = timeout;
    this.client = new Client.Builder()
        .addEndpoint(endpoint)
        .setUsername(user)
        .setPassword(password == null ? "" : password)
        .setDefaultDatabase(database)
        .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
        .setConnectTimeout(Math.min(timeout.toMillis(), 5_000), ChronoUnit.MILLIS)
        .compressClientRequest(false)
        // a new Avro field arrives before the migration adding its column: ignore it rather than fail every row
        .serverSetting("input_format_skip_unknown_fields", "1")
        // a replayed batch dropped as a duplicate must not reach the materialized views either
        .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1")
        .build();
  }

  /**
   * Inserts {@code body} (JSONEachRow lines) into {@code table} with {@code dedupToken}; returns the rows ClickHouse
   * reports written (0 when the whole insert was recognised as a duplicate).
   */
  public long insert(String table, byte[] body, String dedupToken) throws Exception {
    InsertSettings settings = new InsertSettings().setDeduplicationToken(dedupToken);
    try (InsertResponse response = client.insert(table, new ByteArrayInputStream(body), ClickHouseFormat.JSONEachRow,
        settings).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
      return response.getWrittenRows();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Runs one statement. */
  public void execute(String sql) throws Exception {
    try {
      client.execute(sql).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS).close();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Runs a query and returns all its rows. */
  public List<GenericRecord> query(String sql) {
    return client.queryAll(sql);
  }

  /** Whether the server answers. */
  public boolean ping() {
    return client.ping(2_000);
  }

  @Override
  public void close() {
    client.close();
  }
}
