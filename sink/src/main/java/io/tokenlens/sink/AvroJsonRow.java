package io.tokenlens.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes an Avro record as one ClickHouse {@code JSONEachRow} line. Columns are the record's field names in
 * snake_case; a nested record field is flattened with its field name as prefix ({@code engineer.team} becomes
 * {@code engineer_team}); records inside arrays become JSON objects (named tuples). Timestamps are epoch
 * milliseconds (a {@code DateTime64(3)} reads them as such), enums their symbol, bytes base64.
 */
public final class AvroJsonRow {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

  /** Extra columns a mapping adds next to the record's own. */
  @FunctionalInterface
  public interface Extras {
    void write(JsonGenerator json) throws IOException;
  }

  private AvroJsonRow() {}

  /** Column names by field name: computed once, since every row of every record needs them. */
  private static final Map<String, String> COLUMNS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The column name of an Avro field name: {@code httpStatusCode} is {@code http_status_code}. */
  public static String column(String fieldName) {
    return COLUMNS.computeIfAbsent(fieldName,
        f -> CAMEL.matcher(f).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT));
  }

  /** The columns a record of {@code schema} fills, flattened as {@link #write} writes them. */
  public static List<String> columns(Schema schema) {
    List<String> columns = new java.util.ArrayList<>();
    collectColumns(schema, "", columns);
    return columns;
  }

  private static void collectColumns(Schema schema, String prefix, List<String> out) {
    for (Schema.Field field : schema.getFields()) {
      Schema nested = recordOf(field.schema());
      String name = prefix + column(field.name());
      if (nested != null) {
        collectColumns(nested, name + "_", out);
      } else {
        out.add(name);
      }
    }
  }

  /** A generator reused per thread: creating one per row costs more than writing the row. */
  private static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    final JsonGenerator json;

    Writer() {
      try {
        json = JSON.createGenerator(out);
        json.setRootValueSeparator(null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

  /** One JSON line (with its trailing newline) for {@code record} plus {@code extras}. */
  public static byte[] write(IndexedRecord record, Extras extras) {
    Writer w = WRITERS.get();
    w.out.reset();
    try {
      JsonGenerator json = w.json;
      json.writeStartObject();
      if (record != null) {
        writeFields(json, record, "");
      }
      extras.write(json);
      json.writeEndObject();
      json.flush();
    } catch (IOException | RuntimeException e) {
      WRITERS.remove(); // the generator may be mid-object: start the next row with a fresh one
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    w.out.write('\n');
    return w.out.toByteArray();
  }

  private static void writeFields(JsonGenerator json, IndexedRecord record, String prefix) throws IOException {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      String name = prefix.isEmpty() ? column(field.name()) : prefix + column(field.name());
      if (recordOf(field.schema()) != null) {
        if (value instanceof IndexedRecord nested) {
          writeFields(json, nested, name + "_");
        }
        continue;
      }
      json.writeFieldName(name);
      writeValue(json, value);
    }
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof CharSequence s) {
      json.writeString(s.toString());
    } else if (value instanceof Instant i) {
      json.writeNumber(i.toEpochMilli());
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        json.writeNull();
      } else {
        json.writeNumber(d);
      }
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Enum<?> e) {
      json.writeString(e.name());
    } else if (value instanceof GenericEnumSymbol<?> e) {
      json.writeString(e.toString());
    } else if (value instanceof ByteBuffer b) {
      ByteBuffer copy = b.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      json.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        writeValue(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        writeValue(json, e.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof IndexedRecord nested) {
      json.writeStartObject();
      for (Schema.Field field : nested.getSchema().getFields()) {
        json.writeFieldName(column(field.name()));
        writeValue(json, nested.get(field.pos()));
      }
      json.writeEndObject();
    } else {
      throw new IllegalArgumentException("Unsupported Avro value of type " + value.getClass().getName());
    }
  }

  /** The record schema of a field that holds a (nullable) record directly, else null. */
  private static Schema recordOf(Schema schema) {
    if (schema.getType() == Schema.Type.RECORD) {
      return schema;
    }
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() == Schema.Type.RECORD) {
          return branch;
        }
      }
    }
    return null;
  }
}
