package io.tokenlens.sink;

import com.clickhouse.client.api.query.GenericRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned DDL at start: creates the database and {@code schema_migrations}, then
 * every migration not recorded there, in order, and records it. Safe to run twice and from two
 * sinks at once: every statement is idempotent, a migration is recorded only after all its
 * statements succeeded, and the record table is a ReplacingMergeTree keyed by version, so two
 * instances recording the same version leave one row. A recorded migration whose file changed since
 * is refused, naming the file.
 *
 * <p>Versions only increase; they need not be consecutive. There is no V006 (none was ever merged)
 * and there will not be one: databases already record V007 onwards, and a V006 added now would run
 * after them there and before them on new databases (docs/clickhouse-model.md).
 */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  static final String TABLE_DDL =
      "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, "
          + "checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3), applied_by String) "
          + "ENGINE = ReplacingMergeTree(applied_at) ORDER BY version";

  private final ClickHouseWriter admin;
  private final ClickHouseWriter writer;
  private final String database;
  private final String instance;
  private final ClusterDdl ddl;

  /**
   * @param admin a connection to the {@code default} database (creates {@code database})
   * @param writer a connection to {@code database}
   */
  public Migrations(
      ClickHouseWriter admin, ClickHouseWriter writer, String database, String instance) {
    this(admin, writer, database, instance, ClusterDdl.singleServer());
  }

  /**
   * @param ddl where the statements run: one server, or a cluster ({@link ClusterDdl})
   */
  public Migrations(
      ClickHouseWriter admin,
      ClickHouseWriter writer,
      String database,
      String instance,
      ClusterDdl ddl) {
    this.admin = admin;
    this.writer = writer;
    this.database = database;
    this.instance = instance;
    this.ddl = ddl;
  }

  /** Applies what is missing; returns the versions applied by this call. */
  public List<Integer> apply(List<Migration> migrations) throws Exception {
    admin.execute(ddl.rewrite("CREATE DATABASE IF NOT EXISTS `" + database + "`"));
    writer.execute(ddl.rewrite(TABLE_DDL));
    Map<Integer, String> applied = new HashMap<>();
    for (GenericRecord r : writer.query("SELECT version, checksum FROM schema_migrations FINAL")) {
      applied.put(r.getInteger("version"), r.getString("checksum"));
    }
    List<Integer> done = new java.util.ArrayList<>();
    for (Migration m : migrations) {
      String checksum = applied.get(m.version());
      if (checksum != null) {
        if (!checksum.equals(m.checksum())) {
          throw new IllegalStateException(
              "Migration "
                  + m.name()
                  + " was applied to "
                  + database
                  + " with a different content (checksum "
                  + checksum
                  + "); never edit an applied migration, add a new one");
        }
        continue;
      }
      for (String statement : ddl.statements(m)) {
        writer.execute(statement);
      }
      writer.execute(
          "INSERT INTO schema_migrations (version, name, checksum, applied_by) VALUES ("
              + m.version()
              + ", '"
              + m.name()
              + "', '"
              + m.checksum()
              + "', '"
              + instance.replace("'", "")
              + "')");
      log.info("Applied migration {} to {}", m.name(), database);
      done.add(m.version());
    }
    return done;
  }
}
