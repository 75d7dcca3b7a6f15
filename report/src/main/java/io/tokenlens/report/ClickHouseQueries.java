package io.tokenlens.report;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Read-only queries against one ClickHouse database with client-v2: results as {@link
 * ResultTable}s, or the raw output of any ClickHouse format copied to a stream.
 */
public final class ClickHouseQueries implements AutoCloseable {

  private final ReportConfig config;
  private final Client client;

  public ClickHouseQueries(ReportConfig config) {
    this.config = config;
    this.client =
        new Client.Builder()
            .addEndpoint(config.endpoint().toString())
            .setUsername(config.user())
            .setPassword(config.password() == null ? "" : config.password())
            // the session database stays "default" so that the server answers (and says what is
            // missing) even when the
            // configured database does not exist; every query names the configured one in its
            // settings
            .setDefaultDatabase("default")
            .setSocketTimeout(config.timeout().toMillis(), ChronoUnit.MILLIS)
            .setConnectTimeout(Math.min(config.timeout().toMillis(), 5_000), ChronoUnit.MILLIS)
            .compressClientRequest(false)
            .build();
  }

  /** Fails unless the server answers and the database holds every one of {@code relations}. */
  public void requireRelations(Collection<String> relations) throws ClickHouseUnavailableException {
    if (!client.ping(5_000)) {
      throw new ClickHouseUnavailableException(
          "cannot reach ClickHouse at "
              + config.endpoint()
              + " (set TOKENLENS_CLICKHOUSE_URL, or start the local stack with ./tokenlens up)");
    }
    Set<String> present = new HashSet<>();
    try {
      // in the database the report reads, not in system: a reader holds no privilege on the system
      // database
      // itself (a session there needs SHOW DATABASES ON system.*), only on the rows of
      // system.tables it may see
      present.addAll(
          query(
                  "SELECT name FROM system.tables WHERE database = {db:String}",
                  Map.of("db", config.database()))
              .column("name"));
    } catch (QueryFailedException e) {
      if (!String.valueOf(e.getMessage()).contains("UNKNOWN_DATABASE")) {
        throw new ClickHouseUnavailableException(
            "ClickHouse at "
                + config.endpoint()
                + " cannot list the tables of "
                + config.database()
                + ": "
                + e.getMessage());
      } // no database yet: every relation is missing, which the sink creates
    }
    Set<String> missing = new TreeSet<>(relations);
    missing.removeAll(present);
    if (!missing.isEmpty()) {
      throw new ClickHouseUnavailableException(
          "database "
              + config.database()
              + " at "
              + config.endpoint()
              + " lacks the tokenlens tables "
              + missing
              + "; the sink creates them at start (./tokenlens sink)");
    }
  }

  /** Runs a query with {@code {name:Type}} parameters and returns its rows. */
  public ResultTable query(String sql, Map<String, Object> parameters) throws QueryFailedException {
    QuerySettings settings =
        settings(ClickHouseFormat.TabSeparatedWithNamesAndTypes).setDatabase(config.database());
    try (QueryResponse response = await(client.query(sql, parameters, settings));
        InputStream in = response.getInputStream()) {
      return ResultTable.readTabSeparatedWithNamesAndTypes(in);
    } catch (QueryFailedException e) {
      throw e;
    } catch (Exception e) {
      throw new QueryFailedException(e.getMessage(), e);
    }
  }

  /** Runs a query and copies its output in ClickHouse's {@code format} to {@code out}. */
  public void copy(String sql, ClickHouseFormat format, OutputStream out)
      throws QueryFailedException {
    try (QueryResponse response = await(client.query(sql, settings(format)));
        InputStream in = response.getInputStream()) {
      in.transferTo(out);
      out.flush();
    } catch (QueryFailedException e) {
      throw e;
    } catch (Exception e) {
      throw new QueryFailedException(e.getMessage(), e);
    }
  }

  private QuerySettings settings(ClickHouseFormat format) {
    return new QuerySettings().setFormat(format).setDatabase(config.database());
  }

  /** Whether the server answers. */
  public boolean ping() {
    return client.ping(5_000);
  }

  public ReportConfig config() {
    return config;
  }

  private QueryResponse await(java.util.concurrent.CompletableFuture<QueryResponse> future)
      throws QueryFailedException {
    try {
      return future.get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new QueryFailedException(cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryFailedException("interrupted", e);
    } catch (Exception e) {
      throw new QueryFailedException(String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
