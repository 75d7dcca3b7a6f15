package io.tokenlens.sink;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicKind;
import io.tokenlens.sink.rowbinary.ColumnNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * How the records of one topic become rows of one ClickHouse table: the record's flattened fields
 * plus the Kafka coordinates (and, for the directory, the record key, and where listed, columns
 * from record headers); {@link TableRows} binds it to the table's column types.
 *
 * @param topic the catalog topic
 * @param table the table it lands in
 * @param tombstones how a null value (a compacted-topic delete) is stored; empty means it is
 *     skipped
 * @param headerColumns columns filled from the record's headers
 */
public record TableMapping(
    Topic<?> topic,
    String table,
    Optional<Tombstones> tombstones,
    List<HeaderColumn> headerColumns) {

  /** A mapping without header columns. */
  public TableMapping(Topic<?> topic, String table, Optional<Tombstones> tombstones) {
    this(topic, table, tombstones, List.of());
  }

  /**
   * The columns a tombstone fills and their values from its key, record timestamp and coordinates.
   */
  public record Tombstones(List<String> columns, TombstoneValues values) {}

  /** The values of a tombstone's columns, in the order {@link Tombstones#columns()} names them. */
  @FunctionalInterface
  public interface TombstoneValues {
    Object[] values(String key, long timestampMs, int partition, long offset);
  }

  /** Whether the record key fills a column ({@code entry_key}). */
  public boolean keyed() {
    return table.equals("directory");
  }

  /** The columns filled per row besides the record's fields, in the order of {@link #extras}. */
  public List<String> extraColumns() {
    List<String> columns = new ArrayList<>();
    if (keyed()) {
      columns.add("entry_key");
    }
    headerColumns.forEach(c -> columns.add(c.column()));
    columns.add("kafka_partition");
    columns.add("kafka_offset");
    return List.copyOf(columns);
  }

  /** The values of {@link #extraColumns()} for one record. */
  public Object[] extras(String key, Headers headers, int partition, long offset) {
    Object[] values = new Object[(keyed() ? 1 : 0) + headerColumns.size() + 2];
    int i = 0;
    if (keyed()) {
      values[i++] = key;
    }
    for (HeaderColumn c : headerColumns) {
      values[i++] = c.value(headers);
    }
    values[i++] = partition;
    values[i] = offset;
    return values;
  }

  /** The columns this mapping writes, to check against the table. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>(ColumnNames.columns(topic.valueSchema()));
    columns.addAll(extraColumns());
    return columns;
  }

  /**
   * Whether the table keeps the latest version per key (ReplacingMergeTree) rather than every row.
   */
  public boolean upsert() {
    return topic.kind() == TopicKind.UPSERT;
  }
}
