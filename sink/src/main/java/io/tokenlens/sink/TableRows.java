package io.tokenlens.sink;

import io.tokenlens.sink.rowbinary.AvroRowEncoder;
import io.tokenlens.sink.rowbinary.RowEncoder;
import io.tokenlens.sink.rowbinary.TableColumn;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * A {@link TableMapping} bound to its table's columns: turns records into RowBinary rows.
 * Thread-safe.
 */
public final class TableRows {

  private final TableMapping mapping;
  private final RowEncoder records;
  private final Optional<RowEncoder> tombstones;

  private TableRows(TableMapping mapping, RowEncoder records, Optional<RowEncoder> tombstones) {
    this.mapping = mapping;
    this.records = records;
    this.tombstones = tombstones;
  }

  /**
   * Binds {@code mapping} to {@code columns}, the columns of its table as ClickHouse describes
   * them.
   *
   * @throws IllegalArgumentException when a column's type cannot be written or a column the mapping
   *     fills is missing
   */
  public static TableRows bind(TableMapping mapping, List<TableColumn> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(
          "Table " + mapping.table() + " does not exist (or has no columns)");
    }
    RowEncoder records =
        RowEncoder.of(
            mapping.table(), columns, mapping.topic().valueSchema(), mapping.extraColumns());
    Optional<RowEncoder> tombstones =
        mapping.tombstones().map(t -> RowEncoder.of(mapping.table(), columns, null, t.columns()));
    return new TableRows(mapping, records, tombstones);
  }

  public TableMapping mapping() {
    return mapping;
  }

  /** The row of a record (its value non-null) without headers, with its Kafka coordinates. */
  public byte[] row(String key, SpecificRecord value, int partition, long offset) {
    return row(key, value, null, partition, offset);
  }

  /** The row of a record (its value non-null), with its header columns and Kafka coordinates. */
  public byte[] row(String key, SpecificRecord value, Headers headers, int partition, long offset) {
    return records.encode(value, mapping.extras(key, headers, partition, offset));
  }

  /**
   * The encoder of Avro binary values written with {@code writer} straight into this table's rows:
   * the bytes {@link #row} writes for the record a reader of the topic's value class makes of them.
   */
  public AvroRowEncoder binaryRows(Schema writer) {
    return AvroRowEncoder.of(writer, mapping.topic().valueSchema(), records);
  }

  /** The row of a tombstone, or empty when the table does not keep them. */
  public Optional<byte[]> tombstone(String key, long timestampMs, int partition, long offset) {
    return tombstones.map(
        e ->
            e.encode(
                null,
                mapping
                    .tombstones()
                    .orElseThrow()
                    .values()
                    .values(key, timestampMs, partition, offset)));
  }
}
