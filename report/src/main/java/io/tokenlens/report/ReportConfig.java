package io.tokenlens.report;

import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import io.tokenlens.sink.ClickHouseUrl;
import io.tokenlens.sink.SinkConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the report and the sql command read from: defaults in code, then the properties file named
 * by {@value #CONFIG_FILE_ENV}, then environment variables ({@code clickhouse.url} is {@code
 * TOKENLENS_CLICKHOUSE_URL}).
 *
 * @param endpoint the ClickHouse HTTP endpoint, without path
 * @param database the database holding the sink's tables
 * @param user ClickHouse user: the reader ({@code clickhouse.reader.user}; SELECT is all the report
 *     needs)
 * @param password its password ({@code clickhouse.reader.password})
 * @param timeout socket timeout of each query
 */
public record ReportConfig(
    URI endpoint, String database, String user, String password, Duration timeout) {

  // the sink's ClickHouse keys, so that one properties file or one set of variables serves both
  private static final String CLICKHOUSE_URL = SinkConfig.CLICKHOUSE_URL;
  private static final String CLICKHOUSE_DATABASE = SinkConfig.CLICKHOUSE_DATABASE;
  private static final String CLICKHOUSE_USER = SinkConfig.CLICKHOUSE_READER_USER;
  private static final String CLICKHOUSE_PASSWORD = SinkConfig.CLICKHOUSE_READER_PASSWORD;
  private static final String CLICKHOUSE_SOCKET_TIMEOUT_MS =
      SinkConfig.CLICKHOUSE_SOCKET_TIMEOUT_MS;

  /** Environment variable naming a properties file read before the environment. */
  public static final String CONFIG_FILE_ENV = "TOKENLENS_REPORT_CONFIG";

  /** The defaults, as documented in docs/configuration.md: the local stack's ClickHouse. */
  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(CLICKHOUSE_URL, "http://127.0.0.1:8123/default");
    d.put(CLICKHOUSE_USER, "default");
    d.put(CLICKHOUSE_PASSWORD, "");
    d.put(CLICKHOUSE_SOCKET_TIMEOUT_MS, "60000");
    return d;
  }

  /** Defaults, then the file named by {@value #CONFIG_FILE_ENV} (if any), then the environment. */
  public static ReportConfig load(Map<String, String> env) {
    Set<String> known = new LinkedHashSet<>(defaults().keySet());
    known.add(CLICKHOUSE_DATABASE);
    return fromMap(ConfigLayers.layer(defaults(), known, CONFIG_FILE_ENV, env));
  }

  /** Builds and validates a configuration from flat keys; reports every error at once. */
  public static ReportConfig fromMap(Map<String, String> raw) {
    Map<String, String> values = new LinkedHashMap<>(defaults());
    values.putAll(raw);
    ConfigReader reader = new ConfigReader(values);
    URI endpoint = null;
    String database = reader.string(CLICKHOUSE_DATABASE);
    try {
      ClickHouseUrl url = ClickHouseUrl.parse(values.get(CLICKHOUSE_URL));
      endpoint = url.endpoint();
      if (database == null || database.isBlank()) {
        database = url.database();
      }
    } catch (IllegalArgumentException e) {
      reader.error(CLICKHOUSE_URL + ": " + e.getMessage());
      database = database == null ? "default" : database;
    }
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      reader.error(CLICKHOUSE_DATABASE + " must be a plain identifier but is '" + database + "'");
    }
    Duration timeout = reader.millisAtLeast(CLICKHOUSE_SOCKET_TIMEOUT_MS, 1);
    String user = reader.string(CLICKHOUSE_USER, "");
    reader.throwIfInvalid("report");
    return new ReportConfig(endpoint, database, user, values.get(CLICKHOUSE_PASSWORD), timeout);
  }

  @Override
  public String toString() {
    return "ReportConfig[" + describe() + ", user " + user + ", password redacted]";
  }

  /** The address users recognise, for messages. */
  public String describe() {
    return endpoint + "/" + database;
  }
}
