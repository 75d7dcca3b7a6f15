package io.tokenlens.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The conventions every schema follows, checked over every type reachable from the topic catalog.
 */
class SchemaConventionsTest {

  private static final Set<String> TIMESTAMP_NAMES =
      Set.of(
          "windowStart",
          "windowEnd",
          "bucketStart",
          "bucketEnd",
          "effectiveFrom",
          "intervalStart",
          "eventTime",
          "streamTime",
          "incidentTriggeredAt");

  private static Map<String, Schema> namedTypes() {
    Map<String, Schema> types = new LinkedHashMap<>();
    for (Topic<?> topic : Topics.all()) {
      collect(topic.valueSchema(), types);
    }
    return types;
  }

  private static void collect(Schema schema, Map<String, Schema> types) {
    switch (schema.getType()) {
      case RECORD -> {
        if (types.putIfAbsent(schema.getFullName(), schema) == null) {
          schema.getFields().forEach(f -> collect(f.schema(), types));
        }
      }
      case ENUM -> types.putIfAbsent(schema.getFullName(), schema);
      case UNION -> schema.getTypes().forEach(t -> collect(t, types));
      case ARRAY -> collect(schema.getElementType(), types);
      case MAP -> collect(schema.getValueType(), types);
      default -> {}
    }
  }

  private static List<Schema.Field> allFields() {
    List<Schema.Field> fields = new ArrayList<>();
    namedTypes().values().stream()
        .filter(s -> s.getType() == Schema.Type.RECORD)
        .forEach(s -> fields.addAll(s.getFields()));
    return fields;
  }

  @Test
  void shouldDocumentEveryTypeAndFieldInTheJavaPackageNamespace() {
    assertThat(namedTypes()).hasSizeGreaterThan(30);
    for (Schema type : namedTypes().values()) {
      assertThat(type.getNamespace()).as(type.getName()).isEqualTo("io.tokenlens.schemas.avro");
      assertThat(type.getDoc()).as(type.getName()).isNotBlank();
      if (type.getType() == Schema.Type.RECORD) {
        type.getFields()
            .forEach(f -> assertThat(f.doc()).as(type.getName() + "." + f.name()).isNotBlank());
      }
    }
  }

  @Test
  void shouldGiveEveryEnumADefaultSymbol() {
    namedTypes().values().stream()
        .filter(s -> s.getType() == Schema.Type.ENUM)
        .forEach(e -> assertThat(e.getEnumDefault()).as(e.getName()).isEqualTo("UNKNOWN"));
  }

  @Test
  void shouldMakeOptionalFieldsNullFirstWithNullDefault() {
    for (Schema.Field field : allFields()) {
      if (field.schema().getType() == Schema.Type.UNION) {
        assertThat(field.schema().getTypes()).as(field.name()).hasSize(2);
        assertThat(field.schema().getTypes().get(0).getType())
            .as(field.name())
            .isEqualTo(Schema.Type.NULL);
        assertThat(field.defaultVal()).as(field.name()).isEqualTo(JsonProperties.NULL_VALUE);
      }
    }
  }

  @Test
  void shouldStoreTimestampsAsTimestampMillis() {
    for (Schema.Field field : allFields()) {
      if (field.name().endsWith("At") || TIMESTAMP_NAMES.contains(field.name())) {
        Schema schema =
            field.schema().getType() == Schema.Type.UNION
                ? field.schema().getTypes().get(1)
                : field.schema();
        assertThat(schema.getType()).as(field.name()).isEqualTo(Schema.Type.LONG);
        assertThat(schema.getLogicalType())
            .as(field.name())
            .isEqualTo(LogicalTypes.timestampMillis());
      }
    }
  }

  @Test
  void shouldStoreMoneyAsUsdDoubles() {
    for (Schema.Field field : allFields()) {
      if (field.name().contains("Usd")) {
        Schema schema =
            field.schema().getType() == Schema.Type.UNION
                ? field.schema().getTypes().get(1)
                : field.schema();
        assertThat(schema.getType()).as(field.name()).isEqualTo(Schema.Type.DOUBLE);
      }
    }
  }

  @Test
  void shouldGiveEveryInputEventAStableIdAndAnAcceptTime() {
    for (Topic<?> topic :
        List.of(
            Topics.TOKEN_USAGE,
            Topics.AGENT_ACTIVITY,
            Topics.PR_EVENTS,
            Topics.PR_REVIEWS,
            Topics.INCIDENT_EVENTS,
            Topics.USAGE_METRICS)) {
      assertThat(topic.valueSchema().getField("eventId")).as(topic.name()).isNotNull();
      assertThat(topic.valueSchema().getField("acceptedAt")).as(topic.name()).isNotNull();
    }
  }

  @Test
  void shouldNeverCarryPromptText() {
    for (Schema.Field field : allFields()) {
      assertThat(field.name())
          .doesNotContainIgnoringCase("prompttext")
          .isNotIn("prompt", "body", "content");
    }
  }
}
