package io.tokenlens.sink;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.CompressionMethod;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import io.tokenlens.sink.rowbinary.RowEncoder;
import io.tokenlens.sink.rowbinary.TableColumn;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Inserts batches into ClickHouse with client-v2: the rows travel as {@code RowBinaryWithDefaults}
 * in the request body (encoded by {@link TableRows} in the table's column types), with the batch's
 * {@code insert_deduplication_token}. Binary rows are the cheapest format for the server to parse
 * and the sink to write (docs/clickhouse-model.md says why; BENCHMARKS.md has the measurement).
 */
public final class ClickHouseWriter implements AutoCloseable {

  /** How the body of a request (an insert's rows) travels to ClickHouse. */
  public enum RequestCompression {
    /** As it is. */
    NONE,
    /** In ClickHouse's compressed block framing with LZ4 ({@code decompress=1}). */
    LZ4
  }

  private final Client client;
  private final Duration timeout;

  public ClickHouseWriter(SinkConfig config) {
    this(
        config.clickhouseEndpoint().toString(),
        config.clickhouseDatabase(),
        config.clickhouseUser(),
        config.clickhousePassword(),
        config.clickhouseSocketTimeout(),
        config.clickhouseRequestCompression());
  }

  public ClickHouseWriter(
      String endpoint, String database, String user, String password, Duration timeout) {
    this(endpoint, database, user, password, timeout, RequestCompression.NONE);
  }

  public ClickHouseWriter(
      String endpoint,
      String database,
      String user,
      String password,
      Duration timeout,
      RequestCompression compression) {
    this.timeout = timeout;
    this.client =
        new Client.Builder()
            .addEndpoint(endpoint)
            .setUsername(user)
            .setPassword(password == null ? "" : password)
            .setDefaultDatabase(database)
            .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
            .setConnectTimeout(Math.min(timeout.toMillis(), 5_000), ChronoUnit.MILLIS)
            .compressClientRequest(compression == RequestCompression.LZ4)
            .compressionMethod(CompressionMethod.LZ4)
            // a replayed batch dropped as a duplicate must not reach the materialized views either
            .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1")
            .build();
  }

  /**
   * Inserts {@code body} (rows of {@link RowEncoder#FORMAT}) into {@code table} with {@code
   * dedupToken}; returns the rows ClickHouse reports written (0 when the whole insert was
   * recognised as a duplicate).
   */
  public long insert(String table, byte[] body, String dedupToken) throws Exception {
    InsertSettings settings = new InsertSettings().setDeduplicationToken(dedupToken);
    try (InsertResponse response =
        client
            .insert(
                table,
                new ByteArrayInputStream(body),
                ClickHouseFormat.RowBinaryWithDefaults,
                settings)
            .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
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

  /**
   * The columns of {@code table} in the current database, in table order; empty when there is no
   * such table.
   */
  public List<TableColumn> columns(String table) {
    return client
        .queryAll(
            "SELECT name, type, default_kind FROM system.columns WHERE database = currentDatabase() "
                + "AND table = '"
                + table.replace("\\", "\\\\").replace("'", "\\'")
                + "' ORDER BY position")
        .stream()
        .map(
            r ->
                new TableColumn(
                    r.getString("name"), r.getString("type"), r.getString("default_kind")))
        .toList();
  }

  /** Binds {@code mapping} to its table's columns. */
  public TableRows rows(TableMapping mapping) {
    return TableRows.bind(mapping, columns(mapping.table()));
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
