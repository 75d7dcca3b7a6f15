package io.tokenlens.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Which schema changes old and new readers survive, checked with Avro's own compatibility rules.
 */
class SchemaEvolutionTest {

  private static final Schema CURRENT = TokenUsage.getClassSchema();

  private static SchemaCompatibilityType canRead(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
  }

  private static Schema withFields(Schema base, List<Schema.Field> fields) {
    Schema copy = Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false);
    copy.setFields(fields);
    return copy;
  }

  private static List<Schema.Field> copyFields(Schema schema) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    return fields;
  }

  @Test
  void shouldAllowAddingAnOptionalFieldBothWays() {
    List<Schema.Field> fields = copyFields(CURRENT);
    fields.add(
        new Schema.Field(
            "gitCommit",
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "Commit the request worked on.",
            Schema.Field.NULL_DEFAULT_VALUE));
    Schema next = withFields(CURRENT, fields);

    assertThat(canRead(next, CURRENT)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(canRead(CURRENT, next)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldRefuseRemovingAFieldWithoutDefaultForOldReaders() {
    List<Schema.Field> fields = copyFields(CURRENT);
    fields.removeIf(f -> f.name().equals("model"));
    Schema next = withFields(CURRENT, fields);

    assertThat(CURRENT.getField("model").hasDefaultValue()).isFalse();
    assertThat(canRead(CURRENT, next)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void shouldAllowRemovingAFieldWithADefault() {
    List<Schema.Field> fields = copyFields(CURRENT);
    fields.removeIf(f -> f.name().equals("promptId"));
    Schema next = withFields(CURRENT, fields);

    assertThat(canRead(CURRENT, next)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(canRead(next, CURRENT)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldRefuseChangingAFieldsType() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : CURRENT.getFields()) {
      fields.add(
          f.name().equals("inputTokens")
              ? new Schema.Field("inputTokens", Schema.create(Schema.Type.STRING), f.doc(), "0")
              : new Schema.Field(f, f.schema()));
    }
    Schema next = withFields(CURRENT, fields);

    assertThat(canRead(CURRENT, next)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(canRead(next, CURRENT)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void shouldLetOldReadersSurviveANewEnumSymbol() {
    Schema current = UsageSource.getClassSchema();
    List<String> symbols = new ArrayList<>(current.getEnumSymbols());
    symbols.add("NEW_COLLECTOR");
    Schema next =
        Schema.createEnum(
            current.getName(), current.getDoc(), current.getNamespace(), symbols, "UNKNOWN");

    assertThat(canRead(current, next)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldReadWasteFindingsBothWaysAcrossTheQualityGatePattern() {
    Schema current = WasteFinding.getClassSchema();
    Schema before =
        new Schema.Parser().parse(current.toString().replace("\"UNAPPROVED_AI_HEAVY_MERGE\",", ""));

    assertThat(before.getField("pattern").schema().getEnumSymbols())
        .doesNotContain("UNAPPROVED_AI_HEAVY_MERGE");
    assertThat(canRead(before, current)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(canRead(current, before)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void shouldReadCodePushesBothWaysAcrossTheRevertedCommitIds() {
    Schema current = CodePush.getClassSchema();
    List<Schema.Field> fields = copyFields(current);
    fields.removeIf(f -> f.name().equals("revertedCommitIds"));
    Schema before = withFields(current, fields);

    assertThat(before.getField("revertedCommitIds")).isNull();
    assertThat(canRead(before, current)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(canRead(current, before)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
