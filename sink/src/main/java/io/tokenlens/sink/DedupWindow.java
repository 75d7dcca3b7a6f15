package io.tokenlens.sink;

import com.clickhouse.client.api.query.GenericRecord;
import java.util.List;
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
 * #BLOCKS_PER_INSERT} blocks per Kafka partition. Replicated tables deduplicate by their own
 * (replicated) window and are not checked.
 */
final class DedupWindow {

  /** Table partitions (e.g. days) one batch may touch, allowed for per Kafka partition. */
  static final int BLOCKS_PER_INSERT = 4;

  private static final Pattern WINDOW =
      Pattern.compile("non_replicated_deduplication_window\\s*=\\s*(\\d+)");

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
    if (engine.startsWith("Replicated") || engine.startsWith("Shared")) {
      return;
    }
    long window = windowOf(rows.get(0).getString("engine_full"));
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
              + "non_replicated_deduplication_window = "
              + needed);
    }
  }

  static long required(int kafkaPartitions) {
    return (long) Math.max(1, kafkaPartitions) * BLOCKS_PER_INSERT;
  }

  static long windowOf(String engineFull) {
    Matcher m = WINDOW.matcher(engineFull == null ? "" : engineFull);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
