package io.tokenlens.sink;

import com.clickhouse.client.api.query.GenericRecord;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks at start-up that a table remembers enough insert dedup tokens for exactly-once. An insert
 * that reached ClickHouse but whose offset commit did not is inserted again after a restart or a
 * rebalance, with the same token, and dropped as a duplicate only while its token is among the
 * table's last {@code non_replicated_deduplication_window} blocks. Each Kafka partition is in at
 * most one such insert (an insert may carry several partitions; halves of a rejected range are each
 * committed before the next is inserted), so there are at most as many as partitions, and one
 * insert writes one block per table partition it touches: the window must hold {@value
 * #BLOCKS_PER_INSERT} blocks per Kafka partition. Replicated tables (on a cluster, {@link
 * ClusterDdl}) keep their tokens in Keeper, shared by a shard's replicas, and are checked the same
 * way against {@code replicated_deduplication_window}, the server's default when the table does not
 * set it. ClickHouse Cloud's {@code Shared} engines manage their own window and are not checked.
 */
final class DedupWindow {

  /** Table partitions (e.g. days) one batch may touch, allowed for per Kafka partition. */
  static final int BLOCKS_PER_INSERT = 4;

  static final String LOCAL_WINDOW = "non_replicated_deduplication_window";
  static final String REPLICATED_WINDOW = "replicated_deduplication_window";

  private final ClickHouseWriter writer;

  DedupWindow(ClickHouseWriter writer) {
    this.writer = writer;
  }

  /**
   * @throws IllegalStateException when the window of {@code table} is smaller than {@code
   *     kafkaPartitions} needs
   */
  void check(String table, int kafkaPartitions) {
    List<GenericRecord> rows =
        writer.query(
            "SELECT engine, engine_full FROM system.tables "
                + "WHERE database = currentDatabase() AND name = '"
                + table.replace("'", "")
                + "'");
    if (rows.isEmpty()) {
      throw new IllegalStateException(
          "Table " + table + " does not exist: run the migrations first");
    }
    String engine = rows.get(0).getString("engine");
    if (engine.startsWith("Shared")) {
      return;
    }
    String setting = engine.startsWith("Replicated") ? REPLICATED_WINDOW : LOCAL_WINDOW;
    OptionalLong set = windowOf(setting, rows.get(0).getString("engine_full"));
    long window = set.isPresent() ? set.getAsLong() : serverDefault(setting);
    long needed = required(kafkaPartitions);
    if (engine.contains("ReplacingMergeTree") && window == 0) {
      return; // keeps one row per key and version: a replayed batch replaces itself
    }
    if (window < needed) {
      throw new IllegalStateException(
          "Table "
              + table
              + " keeps the dedup tokens of its last "
              + window
              + " inserted blocks, but the sink needs "
              + needed
              + " for "
              + kafkaPartitions
              + " Kafka partitions to "
              + "insert each batch exactly once: ALTER TABLE "
              + table
              + " MODIFY SETTING "
              + setting
              + " = "
              + needed);
    }
  }

  static long required(int kafkaPartitions) {
    return (long) Math.max(1, kafkaPartitions) * BLOCKS_PER_INSERT;
  }

  /** The window {@code engineFull} sets with {@code setting}, if it sets one. */
  static OptionalLong windowOf(String setting, String engineFull) {
    Matcher m =
        Pattern.compile("(?<![A-Za-z_])" + setting + "\\s*=\\s*(\\d+)")
            .matcher(engineFull == null ? "" : engineFull);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  private long serverDefault(String setting) {
    List<GenericRecord> rows =
        writer.query("SELECT value FROM system.merge_tree_settings WHERE name = '" + setting + "'");
    return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).getString("value"));
  }
}
