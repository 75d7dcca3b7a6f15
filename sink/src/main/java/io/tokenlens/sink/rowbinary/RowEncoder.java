package io.tokenlens.sink.rowbinary;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Encodes records of one Avro schema as rows of one ClickHouse table in {@code
 * RowBinaryWithDefaults}: every insertable column of the table, in table order, as a marker byte
 * (1: let ClickHouse fill its default) or 0 and the value in the column's type. Built once per
 * table from its columns: each column is read from a flattened Avro field ({@link ColumnNames}),
 * from an extra value the caller passes per row (Kafka coordinates, the record key), or left to its
 * default. Avro fields without a column are not written, so a new field can arrive before the
 * migration that adds its column. A null, NaN or infinite value of a column that takes no NULL gets
 * the column's default.
 */
public final class RowEncoder {

  /** The ClickHouse format the rows are in. */
  public static final String FORMAT = "RowBinaryWithDefaults";

  private final String table;
  private final String[] names;
  private final ValueEncoder[] encoders;
  private final int[][] paths;
  private final int[] extras;
  private final ThreadLocal<RowBinaryOutput> buffers =
      ThreadLocal.withInitial(() -> new RowBinaryOutput(1024));

  private RowEncoder(
      String table, String[] names, ValueEncoder[] encoders, int[][] paths, int[] extras) {
    this.table = table;
    this.names = names;
    this.encoders = encoders;
    this.paths = paths;
    this.extras = extras;
  }

  /**
   * The encoder of {@code table} for records of {@code schema} (null: rows of extras only) and the
   * per-row {@code extraColumns}, which must all be insertable columns of the table.
   *
   * @throws IllegalArgumentException when a column's type is not supported or an extra column is
   *     missing
   */
  public static RowEncoder of(
      String table, List<TableColumn> columns, Schema schema, List<String> extraColumns) {
    List<ColumnNames.FieldPath> fields = schema == null ? List.of() : ColumnNames.paths(schema);
    List<String> names = new ArrayList<>();
    List<ValueEncoder> encoders = new ArrayList<>();
    List<int[]> paths = new ArrayList<>();
    List<Integer> extras = new ArrayList<>();
    for (TableColumn c : columns) {
      if (!c.insertable()) {
        continue;
      }
      int extra = extraColumns.indexOf(c.name());
      int[] path =
          extra >= 0
              ? null
              : fields.stream()
                  .filter(f -> f.column().equals(c.name()))
                  .findFirst()
                  .map(ColumnNames.FieldPath::positions)
                  .orElse(null);
      ValueEncoder encoder;
      try {
        encoder = extra < 0 && path == null ? null : ValueEncoders.forType(c.type());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Column " + table + "." + c.name() + ": " + e.getMessage(), e);
      }
      names.add(c.name());
      encoders.add(encoder);
      paths.add(path);
      extras.add(extra);
    }
    for (String extra : extraColumns) {
      if (!names.contains(extra)) {
        throw new IllegalArgumentException("Table " + table + " has no insertable column " + extra);
      }
    }
    return new RowEncoder(
        table,
        names.toArray(String[]::new),
        encoders.toArray(ValueEncoder[]::new),
        paths.toArray(int[][]::new),
        extras.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The columns the rows carry, in order. */
  public List<String> columns() {
    return List.of(names);
  }

  /**
   * One row.
   *
   * @param record the record (null: every column from extras or defaults)
   * @param extraValues the values of the extra columns, in the order they were named
   * @throws IllegalArgumentException when a value does not fit its column (the message names the
   *     column)
   */
  public byte[] encode(IndexedRecord record, Object... extraValues) {
    RowBinaryOutput out = buffer();
    for (int i = 0; i < names.length; i++) {
      ValueEncoder encoder = encoders[i];
      if (encoder == null) {
        out.writeByte(1);
        continue;
      }
      Object value = extras[i] >= 0 ? extraValues[extras[i]] : read(record, paths[i]);
      try {
        writeValue(encoder, value, out);
      } catch (RuntimeException e) {
        throw columnFailure(i, e);
      }
    }
    return out.toByteArray();
  }

  /** A value that does not fit column {@code i}, with the column's name. */
  IllegalArgumentException columnFailure(int i, RuntimeException e) {
    return new IllegalArgumentException(
        "column " + table + "." + names[i] + ": " + e.getMessage(), e);
  }

  /**
   * The default marker for an absent value of a column that takes no NULL, else 0 and the value.
   */
  static void writeValue(ValueEncoder encoder, Object value, RowBinaryOutput out) {
    if (absent(value) && !encoder.nullable()) {
      out.writeByte(1);
    } else {
      out.writeByte(0);
      encoder.write(value, out);
    }
  }

  /** Columns in table order. */
  int width() {
    return names.length;
  }

  /** Column {@code i}'s encoder, or null when the rows leave it to its default. */
  ValueEncoder encoder(int i) {
    return encoders[i];
  }

  /** The field positions column {@code i} is read from in the record, or null. */
  int[] path(int i) {
    return paths[i];
  }

  /** The index of column {@code i} among the extra values, or -1. */
  int extra(int i) {
    return extras[i];
  }

  /** The output buffer of this thread, emptied. */
  RowBinaryOutput buffer() {
    RowBinaryOutput out = buffers.get();
    out.reset();
    return out;
  }

  private static Object read(IndexedRecord record, int[] path) {
    return read(record, path, 0);
  }

  /**
   * The value at {@code path} from {@code start} on under {@code value}; null when a record on the
   * way is null.
   */
  static Object read(Object value, int[] path, int start) {
    for (int i = start; i < path.length; i++) {
      int pos = path[i];
      if (!(value instanceof IndexedRecord r)) {
        return null;
      }
      value = r.get(pos);
    }
    return value;
  }

  /** A value that takes the column's default where the column takes no NULL. */
  static boolean absent(Object value) {
    return value == null || value instanceof Double d && (d.isNaN() || d.isInfinite());
  }
}
