package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {
  private final CompatibilityChecker checker = new CompatibilityChecker();

  private static CompatibilityChecker.Previous previous(int version, String text) {
    return new CompatibilityChecker.Previous(version, new Schema.Parser().parse(text), text);
  }

  private static Schema schema(String text) {
    return new Schema.Parser().parse(text);
  }

  private List<String> check(CompatibilityLevel level, String candidate, String... earlier) {
    List<CompatibilityChecker.Previous> previous = new ArrayList<>();
    for (int i = 0; i < earlier.length; i++) {
      previous.add(previous(i + 1, earlier[i]));
    }
    return checker.check(level, schema(candidate), previous);
  }

  @Test
  void shouldAcceptAddingAnOptionalFieldUnderEveryLevel() {
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      assertThat(check(level, Schemas.V2_OPTIONAL_FIELD, Schemas.V1)).as(level.name()).isEmpty();
    }
  }

  @Test
  void shouldRejectAddingARequiredFieldUnderBackwardNamingTheField() {
    List<String> problems =
        check(CompatibilityLevel.BACKWARD, Schemas.V2_REQUIRED_FIELD, Schemas.V1);

    assertThat(problems).isNotEmpty();
    assertThat(problems.get(0))
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains(
            "The field 'tokens' at path '/fields/1' in the new schema has no default value"
                + " and is missing in the old schema");
    assertThat(problems).contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
  }

  @Test
  void shouldAcceptAddingARequiredFieldUnderForward() {
    assertThat(check(CompatibilityLevel.FORWARD, Schemas.V2_REQUIRED_FIELD, Schemas.V1)).isEmpty();
  }

  @Test
  void shouldRejectAChangedTypeUnderBackward() {
    List<String> problems = check(CompatibilityLevel.BACKWARD, Schemas.V2_TYPE_CHANGED, Schemas.V1);

    assertThat(problems.get(0)).contains("TYPE_MISMATCH").contains("/fields/0/type");
  }

  @Test
  void shouldAcceptRemovingAFieldUnderBackwardButNotUnderForward() {
    assertThat(
            check(CompatibilityLevel.BACKWARD, Schemas.V3_MODEL_REMOVED, Schemas.V2_OPTIONAL_FIELD))
        .isEmpty();

    List<String> forward =
        check(CompatibilityLevel.FORWARD, Schemas.V3_MODEL_REMOVED, Schemas.V2_OPTIONAL_FIELD);
    assertThat(forward.get(0))
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("The field 'model'")
        .contains("in the old schema has no default value");
  }

  @Test
  void shouldRejectUnderFullWhatEitherDirectionRejects() {
    assertThat(check(CompatibilityLevel.FULL, Schemas.V2_REQUIRED_FIELD, Schemas.V1)).isNotEmpty();
    assertThat(check(CompatibilityLevel.FULL, Schemas.V3_MODEL_REMOVED, Schemas.V2_OPTIONAL_FIELD))
        .isNotEmpty();
  }

  @Test
  void shouldAcceptAnythingUnderNone() {
    assertThat(check(CompatibilityLevel.NONE, Schemas.V2_TYPE_CHANGED, Schemas.V1)).isEmpty();
    assertThat(check(CompatibilityLevel.NONE, Schemas.OTHER, Schemas.V1)).isEmpty();
  }

  @Test
  void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
    // reading V2's optional tokens (a union with null) as a plain long fails; V1 has no tokens,
    // so the default is used
    String candidate =
        """
        {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
          {"name":"model","type":"string"},
          {"name":"tokens","type":"long","default":0}]}""";

    assertThat(check(CompatibilityLevel.BACKWARD, candidate, Schemas.V1)).isEmpty();
    assertThat(check(CompatibilityLevel.BACKWARD, candidate, Schemas.V1, Schemas.V2_OPTIONAL_FIELD))
        .contains("{oldSchemaVersion: 2}");
  }

  @Test
  void shouldReportTheNewestIncompatibleVersionWhenTransitive() {
    // history: model was an int in version 1, a string since version 2
    String versionOneInt = Schemas.V2_TYPE_CHANGED;
    String versionTwoString = Schemas.V1;
    String candidate = Schemas.V2_OPTIONAL_FIELD;

    assertThat(check(CompatibilityLevel.BACKWARD, candidate, versionOneInt, versionTwoString))
        .isEmpty();
    assertThat(check(CompatibilityLevel.FULL, candidate, versionOneInt, versionTwoString))
        .isEmpty();
    assertThat(
            check(
                CompatibilityLevel.BACKWARD_TRANSITIVE, candidate, versionOneInt, versionTwoString))
        .anySatisfy(m -> assertThat(m).contains("TYPE_MISMATCH"))
        .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD_TRANSITIVE'}");
    assertThat(
            check(
                CompatibilityLevel.FORWARD_TRANSITIVE, candidate, versionOneInt, versionTwoString))
        .contains("{oldSchemaVersion: 1}");
    assertThat(
            check(CompatibilityLevel.FULL_TRANSITIVE, candidate, versionOneInt, versionTwoString))
        .contains("{oldSchemaVersion: 1}");
  }
}
