package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryStateTest {
  private final RegistryState state = new RegistryState();

  @Test
  void shouldSoftDeleteTheVersionsADeleteSubjectRecordCovers() {
    state.apply(new StoreRecord.SchemaVersion("s", 1, 1, Schemas.V1, false));
    state.apply(new StoreRecord.SchemaVersion("s", 2, 2, Schemas.V2_OPTIONAL_FIELD, false));
    state.apply(new StoreRecord.SubjectDeleted("s", 1));
    state.apply(new StoreRecord.SchemaVersion("s", 3, 3, Schemas.OTHER, false));

    assertThat(state.versions("s", false))
        .extracting(RegistryState.Version::version)
        .containsExactly(2, 3);
    assertThat(state.versions("s", true))
        .extracting(RegistryState.Version::version)
        .containsExactly(1, 2, 3);
  }

  @Test
  void shouldForgetASchemaOnlyWhenNoVersionUsesItAnyMore() {
    state.apply(new StoreRecord.SchemaVersion("a", 1, 5, Schemas.V1, false));
    state.apply(new StoreRecord.SchemaVersion("b", 1, 5, Schemas.V1_REFORMATTED, false));

    state.apply(new StoreRecord.SchemaVersionRemoved("a", 1));
    assertThat(state.schemaText(5)).contains(Schemas.V1);
    assertThat(state.idOf(ParsedSchema.parse(Schemas.V1).canonical())).contains(5);

    state.apply(new StoreRecord.SchemaVersionRemoved("b", 1));
    assertThat(state.schemaText(5)).isEmpty();
    assertThat(state.idOf(ParsedSchema.parse(Schemas.V1).canonical())).isEmpty();
    assertThat(state.subjects(true, false)).isEmpty();
    assertThat(state.maxId()).as("ids are never handed out twice in one run").isEqualTo(5);
  }

  @Test
  void shouldKeepTheLatestLevelsAndWriter() {
    state.apply(new StoreRecord.ConfigSet(null, CompatibilityLevel.FULL));
    state.apply(new StoreRecord.ConfigSet("s", CompatibilityLevel.NONE));
    state.apply(new StoreRecord.ConfigCleared(null));
    state.apply(new StoreRecord.WriterAnnounced("a", "http://127.0.0.1:1"));
    state.apply(new StoreRecord.WriterAnnounced("b", "http://127.0.0.1:2"));

    assertThat(state.globalLevel()).isEmpty();
    assertThat(state.subjectLevel("s")).contains(CompatibilityLevel.NONE);
    assertThat(state.writer()).contains(new StoreRecord.WriterAnnounced("b", "http://127.0.0.1:2"));
  }

  @Test
  void shouldKeepAStoredSchemaAvroRejectsAsText() {
    state.apply(new StoreRecord.SchemaVersion("s", 1, 1, "{\"type\":\"nope\"}", false));

    assertThat(state.versions("s", false))
        .singleElement()
        .satisfies(v -> assertThat(v.schema()).isNull());
  }
}
