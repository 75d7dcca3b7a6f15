package io.tokenlens.sink;

import io.tokenlens.sink.rowbinary.ColumnNames;
import io.tokenlens.sink.rowbinary.TableColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Table columns derived from a mapping's Avro schema, the way the migrations type them (nullable
 * strings as {@code LowCardinality(Nullable(String))}, timestamps as {@code DateTime64(3, 'UTC')},
 * records in arrays as named tuples), in reverse field order and with columns the rows leave to
 * their defaults: a table for encoder tests that need no ClickHouse.
 */
final class DerivedColumns {

  private DerivedColumns() {}

  static List<TableColumn> of(TableMapping mapping) {
    Schema schema = mapping.topic().valueSchema();
    List<TableColumn> columns = new ArrayList<>();
    columns.add(new TableColumn("inserted_at", "DateTime64(3, 'UTC')", "DEFAULT"));
    for (ColumnNames.FieldPath path : ColumnNames.paths(schema)) {
      columns.add(new TableColumn(path.column(), type(leaf(schema, path.positions()), false), ""));
    }
    for (String extra : mapping.extraColumns()) {
      columns.add(
          new TableColumn(
              extra,
              extra.equals("kafka_offset")
                  ? "UInt64"
                  : extra.equals("kafka_partition") ? "UInt32" : "String",
              extra.equals("authenticated_by") ? "DEFAULT" : ""));
    }
    mapping
        .tombstones()
        .ifPresent(
            t ->
                t.columns().stream()
                    .filter(c -> columns.stream().noneMatch(existing -> existing.name().equals(c)))
                    .forEach(c -> columns.add(new TableColumn(c, "UInt8", "DEFAULT"))));
    columns.add(new TableColumn("day", "Date", "MATERIALIZED"));
    Collections.reverse(columns);
    return columns;
  }

  private static Schema leaf(Schema schema, int[] positions) {
    Schema s = schema;
    for (int pos : positions) {
      s = ColumnNames.recordOf(s).getFields().get(pos).schema();
    }
    return s;
  }

  private static String type(Schema s, boolean inContainer) {
    return switch (s.getType()) {
      case UNION -> {
        Schema inner =
            s.getTypes().stream()
                .filter(b -> b.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
        String t = type(inner, inContainer);
        yield inner.getType() == Schema.Type.ARRAY || inner.getType() == Schema.Type.MAP
            ? t
            : t.equals("String") ? "LowCardinality(Nullable(String))" : "Nullable(" + t + ")";
      }
      case STRING, BYTES -> "String";
      case ENUM -> inContainer ? "String" : "LowCardinality(String)";
      case LONG ->
          s.getLogicalType() instanceof LogicalTypes.TimestampMillis
              ? "DateTime64(3, 'UTC')"
              : "Int64";
      case INT -> "Int32";
      case DOUBLE -> "Float64";
      case FLOAT -> "Float32";
      case BOOLEAN -> "Bool";
      case ARRAY -> "Array(" + type(s.getElementType(), true) + ")";
      case MAP -> "Map(String, " + type(s.getValueType(), true) + ")";
      case RECORD ->
          "Tuple("
              + s.getFields().stream()
                  .map(f -> ColumnNames.column(f.name()) + " " + type(f.schema(), true))
                  .collect(Collectors.joining(", "))
              + ")";
      default -> throw new IllegalArgumentException("no column type for " + s);
    };
  }
}
