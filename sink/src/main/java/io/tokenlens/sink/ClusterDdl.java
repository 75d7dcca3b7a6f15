package io.tokenlens.sink;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations' statements for where they run: unchanged on a single server, or, for a named
 * ClickHouse cluster ({@code clickhouse.cluster}), each DDL statement distributed with {@code ON
 * CLUSTER} and each MergeTree-family engine made its {@code Replicated} form, from the same files
 * (whose checksums therefore stay the same in both).
 *
 * <p>On a cluster every table is {@code Replicated<Engine>('<path>', '{replica}', args...)}, the
 * path taken from {@code clickhouse.cluster.replica.path}; the servers expand its macros ({@code
 * {shard}}, {@code {replica}} from their configuration, {@code {database}} and {@code {table}}).
 * Insert deduplication then lives in Keeper, shared by the replicas of a shard: a batch retried
 * against another replica is still dropped as a duplicate. The files' {@code
 * non_replicated_deduplication_window} becomes {@code replicated_deduplication_window} of the same
 * size, which {@link DedupWindow} checks at start-up as it does on a single server.
 *
 * <p>Statements are rewritten by their leading keywords, which the migration files keep to a few
 * forms ({@code CREATE TABLE|MATERIALIZED VIEW IF NOT EXISTS name}, {@code CREATE OR REPLACE VIEW
 * name}, {@code ALTER TABLE name}, {@code CREATE DATABASE IF NOT EXISTS name}); a statement of
 * another form is refused rather than run on one server only.
 */
public final class ClusterDdl {

  /** The default replication path: one per shard, database and table. */
  public static final String DEFAULT_REPLICA_PATH = "/clickhouse/tables/{shard}/{database}/{table}";

  private static final Pattern NAMED_STATEMENT =
      Pattern.compile(
          "^(CREATE\\s+(?:TABLE|MATERIALIZED\\s+VIEW|DATABASE)\\s+IF\\s+NOT\\s+EXISTS"
              + "|CREATE\\s+OR\\s+REPLACE\\s+VIEW|ALTER\\s+TABLE|DROP\\s+(?:TABLE|VIEW)\\s+IF\\s+EXISTS)"
              + "\\s+(`[^`]+`|[A-Za-z_][A-Za-z0-9_.]*)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ENGINE =
      Pattern.compile(
          "ENGINE\\s*=\\s*((?:Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing)?MergeTree)"
              + "(\\s*\\(([^()]*)\\))?",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NON_REPLICATED_WINDOW =
      Pattern.compile("non_replicated_deduplication_window", Pattern.CASE_INSENSITIVE);

  private final String cluster;
  private final String replicaPath;

  private ClusterDdl(String cluster, String replicaPath) {
    this.cluster = cluster;
    this.replicaPath = replicaPath;
  }

  /** The statements as written: one ClickHouse server. */
  public static ClusterDdl singleServer() {
    return new ClusterDdl("", "");
  }

  /**
   * @param cluster the cluster's name in the servers' {@code remote_servers}
   * @param replicaPath the Keeper path of each table's replicas; must contain {@code {table}} (so
   *     two tables never share one) and should contain {@code {shard}}
   */
  public static ClusterDdl onCluster(String cluster, String replicaPath) {
    if (cluster == null || !cluster.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "cluster name must be a plain identifier but is '" + cluster + "'");
    }
    if (replicaPath == null || !replicaPath.contains("{table}") || replicaPath.contains("'")) {
      throw new IllegalArgumentException(
          "replica path must contain {table} and no quote but is '" + replicaPath + "'");
    }
    return new ClusterDdl(cluster, replicaPath);
  }

  /** Whether the statements go to a cluster. */
  public boolean clustered() {
    return !cluster.isEmpty();
  }

  /** The statements of every migration, rewritten: what {@link Migrations} runs. */
  public List<String> statements(Migration migration) {
    return migration.statements().stream().map(this::rewrite).toList();
  }

  /** One statement, rewritten for the cluster (unchanged on a single server). */
  public String rewrite(String statement) {
    if (!clustered()) {
      return statement;
    }
    String sql = statement.strip();
    if (sql.toUpperCase(Locale.ROOT).startsWith("INSERT")) {
      return sql; // replicated by the table itself
    }
    Matcher named = NAMED_STATEMENT.matcher(sql);
    if (!named.find()) {
      throw new IllegalArgumentException(
          "Cannot distribute this statement on a cluster (it must start with CREATE TABLE|MATERIALIZED"
              + " VIEW|DATABASE IF NOT EXISTS, CREATE OR REPLACE VIEW, ALTER TABLE or DROP TABLE|VIEW IF"
              + " EXISTS and a name): "
              + firstLine(sql));
    }
    return replicated(
        sql.substring(0, named.end())
            + " ON CLUSTER `"
            + cluster
            + "`"
            + sql.substring(named.end()));
  }

  private String replicated(String sql) {
    Matcher engine = ENGINE.matcher(sql);
    if (!engine.find()) {
      return sql; // views, databases, ALTERs, materialized views writing TO a table
    }
    String args = engine.group(3) == null ? "" : engine.group(3).strip();
    String replicatedEngine =
        "ENGINE = Replicated"
            + engine.group(1)
            + "('"
            + replicaPath
            + "', '{replica}'"
            + (args.isEmpty() ? "" : ", " + args)
            + ")";
    String withEngine =
        sql.substring(0, engine.start()) + replicatedEngine + sql.substring(engine.end());
    return NON_REPLICATED_WINDOW.matcher(withEngine).replaceAll("replicated_deduplication_window");
  }

  private static String firstLine(String sql) {
    int newline = sql.indexOf('\n');
    return newline < 0 ? sql : sql.substring(0, newline) + " ...";
  }
}
