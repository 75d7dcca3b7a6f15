package io.tokenlens.sink;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicKind;
import io.tokenlens.sink.rowbinary.ColumnNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the records of one topic become rows of one ClickHouse table: the record's flattened fields plus the Kafka
 * coordinates (and, for the directory, the record key); {@link TableRows} binds it to the table's column types.
 *
 * @param topic the catalog topic
 * @param table the table it lands in
 * @param tombstones how a null value (a compacted-topic delete) is stored; empty means it is skipped
 */
public record TableMapping(Topic<?> topic, String table, Optional<Tombstones> tombstones) {

  /** The columns a tombstone fills and their values from its key, record timestamp and coordinates. */
  public record Tombstones(List<String> columns, TombstoneValues values) {}

  /** The values of a tombstone's columns, in the order {@link Tombstones#columns()} names them. */
  @FunctionalInterface
  public interface TombstoneValues {
    Object[] values(String key, long timestampMs, int partition, long offset);
  }

  private boolean keyed() {
    return table.equals("directory");
  }

  /** The columns filled per row besides the record's fields, in the order of {@link #extras}. */
  public List<String> extraColumns() {
    return keyed() ? List.of("entry_key", "kafka_partition", "kafka_offset")
        : List.of("kafka_partition", "kafka_offset");
  }

  /** The values of {@link #extraColumns()} for one record. */
  public Object[] extras(String key, int partition, long offset) {
    return keyed() ? new Object[] {key, partition, offset} : new Object[] {partition, offset};
  }

  /** The columns this mapping writes, to check against the table. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>(ColumnNames.columns(topic.valueSchema()));
    columns.addAll(extraColumns());
    return columns;
  }

  /** Whether the table keeps the latest version per key (ReplacingMergeTree) rather than every row. */
  public boolean upsert() {
    return topic.kind() == TopicKind.UPSERT;
  }
}
