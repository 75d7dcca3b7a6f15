package io.tokenlens.sink;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicKind;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * How the records of one topic become rows of one ClickHouse table.
 *
 * @param topic the catalog topic
 * @param table the table it lands in
 * @param tombstones how a null value (a compacted-topic delete) is stored; empty means it is skipped
 * @param headerColumns columns filled from the record's headers
 */
public record TableMapping(Topic<?> topic, String table, Optional<TombstoneRow> tombstones,
    List<HeaderColumn> headerColumns) {

  /** A mapping without header columns. */
  public TableMapping(Topic<?> topic, String table, Optional<TombstoneRow> tombstones) {
    this(topic, table, tombstones, List.of());
  }

  /** Builds the row of a tombstone from its key and record timestamp. */
  @FunctionalInterface
  public interface TombstoneRow {
    byte[] row(String key, long timestampMs, int partition, long offset);
  }

  /** The row of a record (its value non-null) without headers, with its Kafka coordinates. */
  public byte[] row(String key, SpecificRecord value, int partition, long offset) {
    return row(key, value, null, partition, offset);
  }

  /** The row of a record (its value non-null), with its header columns and Kafka coordinates. */
  public byte[] row(String key, SpecificRecord value, Headers headers, int partition, long offset) {
    boolean keyed = table.equals("directory");
    return AvroJsonRow.write(value, json -> {
      if (keyed) {
        json.writeStringField("entry_key", key);
      }
      for (HeaderColumn c : headerColumns) {
        json.writeStringField(c.column(), c.value(headers));
      }
      json.writeNumberField("kafka_partition", partition);
      json.writeNumberField("kafka_offset", offset);
    });
  }

  /** The columns this mapping writes, to check against the table. */
  public List<String> columns() {
    List<String> columns = new java.util.ArrayList<>(AvroJsonRow.columns(topic.valueSchema()));
    if (table.equals("directory")) {
      columns.add("entry_key");
    }
    headerColumns.forEach(c -> columns.add(c.column()));
    columns.add("kafka_partition");
    columns.add("kafka_offset");
    return columns;
  }

  /** Whether the table keeps the latest version per key (ReplacingMergeTree) rather than every row. */
  public boolean upsert() {
    return topic.kind() == TopicKind.UPSERT;
  }
}
