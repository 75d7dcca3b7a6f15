package io.tokenlens.schemas.docs;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * The schema reference of {@code docs/schemas-and-topics.md}, generated from the Avro schemas of
 * the catalog (their {@code doc}s): every record reachable from a topic, each field with its type,
 * default and doc, then every enumeration.
 */
public final class SchemaReference {

  private SchemaReference() {}

  public static String markdown() {
    List<Schema> roots = new ArrayList<>();
    for (Topic<?> topic : Topics.all()) {
      if (!roots.contains(topic.valueSchema())) {
        roots.add(topic.valueSchema());
      }
    }
    return markdown(roots);
  }

  /** The reference of {@code roots} and every named type they use. */
  public static String markdown(List<Schema> roots) {
    Map<String, Schema> records = new LinkedHashMap<>();
    Map<String, Schema> enums = new LinkedHashMap<>();
    for (Schema root : roots) {
      collect(root, records, enums);
    }
    StringBuilder out = new StringBuilder();
    out.append("Namespace `")
        .append(roots.isEmpty() ? "" : roots.get(0).getNamespace())
        .append(
            "`. `T?` is an optional field (`[\"null\", T]`, default null); timestamps are UTC milliseconds "
                + "(`timestamp-millis`); money is USD as `double`.\n");
    for (Schema record : records.values()) {
      out.append("\n### ")
          .append(record.getName())
          .append("\n\n")
          .append(record.getDoc())
          .append("\n\n");
      out.append(Markdown.row("field", "type", "default", "meaning")).append(Markdown.separator(4));
      for (Schema.Field field : record.getFields()) {
        out.append(
            Markdown.row(
                "`" + field.name() + "`",
                Markdown.cell(type(field.schema())),
                Markdown.cell(defaultValue(field)),
                Markdown.cell(field.doc())));
      }
    }
    out.append("\n### Enumerations\n\n");
    out.append(Markdown.row("enum", "symbols", "default", "meaning")).append(Markdown.separator(4));
    for (Schema e : enums.values()) {
      out.append(
          Markdown.row(
              "<a id=\"" + e.getName().toLowerCase(Locale.ROOT) + "\"></a>`" + e.getName() + "`",
              Markdown.cell(String.join(", ", e.getEnumSymbols())),
              "`" + e.getEnumDefault() + "`",
              Markdown.cell(e.getDoc())));
    }
    return out.toString();
  }

  private static void collect(
      Schema schema, Map<String, Schema> records, Map<String, Schema> enums) {
    switch (schema.getType()) {
      case RECORD -> {
        if (records.putIfAbsent(schema.getFullName(), schema) == null) {
          for (Schema.Field field : schema.getFields()) {
            collect(field.schema(), records, enums);
          }
        }
      }
      case ENUM -> enums.putIfAbsent(schema.getFullName(), schema);
      case UNION -> schema.getTypes().forEach(t -> collect(t, records, enums));
      case ARRAY -> collect(schema.getElementType(), records, enums);
      case MAP -> collect(schema.getValueType(), records, enums);
      default -> {}
    }
  }

  static String type(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      List<Schema> types = schema.getTypes();
      if (types.size() == 2 && types.get(0).getType() == Schema.Type.NULL) {
        return type(types.get(1)) + "?";
      }
      List<String> names = new ArrayList<>();
      types.forEach(t -> names.add(type(t)));
      return String.join(" \\| ", names);
    }
    if (schema.getLogicalType() != null) {
      return schema.getLogicalType().getName();
    }
    return switch (schema.getType()) {
      case RECORD, ENUM ->
          "[" + schema.getName() + "](#" + schema.getName().toLowerCase(Locale.ROOT) + ")";
      case ARRAY -> "array<" + type(schema.getElementType()) + ">";
      case MAP -> "map<string, " + type(schema.getValueType()) + ">";
      default -> schema.getType().getName();
    };
  }

  private static String defaultValue(Schema.Field field) {
    if (!field.hasDefaultValue()) {
      return "";
    }
    Object value = field.defaultVal();
    if (value == JsonProperties.NULL_VALUE) {
      return "null";
    }
    return "`" + value + "`";
  }
}
