package io.tokenlens.sink.rowbinary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * How Avro fields name ClickHouse columns: snake_case of the field name ({@code httpStatusCode} is
 * {@code http_status_code}); a nested record field is flattened with its column name as prefix
 * ({@code engineer.team} is {@code engineer_team}); records inside arrays are named tuples.
 */
public final class ColumnNames {

  private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Map<String, String> COLUMNS = new ConcurrentHashMap<>();

  private ColumnNames() {}

  /** The column name of an Avro field name. */
  public static String column(String fieldName) {
    return COLUMNS.computeIfAbsent(
        fieldName, f -> CAMEL.matcher(f).replaceAll("$1_$2").toLowerCase(Locale.ROOT));
  }

  /**
   * A flattened column and the field positions that lead to its value from the top-level record.
   */
  public record FieldPath(String column, int[] positions) {}

  /** Every column a record of {@code schema} fills, in field order. */
  public static List<FieldPath> paths(Schema schema) {
    List<FieldPath> out = new ArrayList<>();
    collect(schema, "", new int[0], out);
    return out;
  }

  /** The column names of {@link #paths}. */
  public static List<String> columns(Schema schema) {
    return paths(schema).stream().map(FieldPath::column).toList();
  }

  private static void collect(Schema schema, String prefix, int[] parents, List<FieldPath> out) {
    for (Schema.Field field : schema.getFields()) {
      int[] positions = java.util.Arrays.copyOf(parents, parents.length + 1);
      positions[parents.length] = field.pos();
      String name = prefix + column(field.name());
      Schema nested = recordOf(field.schema());
      if (nested != null) {
        collect(nested, name + "_", positions, out);
      } else {
        out.add(new FieldPath(name, positions));
      }
    }
  }

  /** The record schema of a field that holds a (nullable) record directly, else null. */
  public static Schema recordOf(Schema schema) {
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
