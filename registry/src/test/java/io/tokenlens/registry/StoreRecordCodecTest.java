package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {
  private final StoreRecordCodec codec = new StoreRecordCodec();

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldWriteConfluentStyleKeysAndValues() {
    StoreRecordCodec.Encoded schema =
        codec.encode(new StoreRecord.SchemaVersion("usage-value", 2, 7, "\"string\"", false));
    assertThat(text(schema.key()))
        .isEqualTo(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"usage-value\",\"version\":2,\"magic\":1}");
    assertThat(text(schema.value()))
        .isEqualTo(
            "{\"subject\":\"usage-value\",\"version\":2,"
                + "\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");

    assertThat(text(codec.encode(new StoreRecord.ConfigSet(null, CompatibilityLevel.FULL)).key()))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
    assertThat(text(codec.encode(new StoreRecord.ConfigSet("s", CompatibilityLevel.FULL)).value()))
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(text(codec.encode(new StoreRecord.SubjectDeleted("s", 3)).key()))
        .isEqualTo("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}");
  }

  @Test
  void shouldWriteTombstonesUnderTheKeyTheyDelete() {
    StoreRecordCodec.Encoded removed = codec.encode(new StoreRecord.SchemaVersionRemoved("s", 1));
    StoreRecordCodec.Encoded written =
        codec.encode(new StoreRecord.SchemaVersion("s", 1, 1, "\"int\"", true));

    assertThat(removed.value()).isNull();
    assertThat(removed.key()).isEqualTo(written.key());
    assertThat(codec.encode(new StoreRecord.ConfigCleared(null)).value()).isNull();
    assertThat(codec.encode(new StoreRecord.SubjectDeletedRemoved("s")).value()).isNull();
  }

  @Test
  void shouldDecodeWhatItEncodes() {
    List<StoreRecord> records =
        List.of(
            new StoreRecord.SchemaVersion("s", 1, 3, Schemas.V1, false),
            new StoreRecord.SchemaVersion("s", 1, 3, Schemas.V1, true),
            new StoreRecord.SchemaVersionRemoved("s", 1),
            new StoreRecord.ConfigSet(null, CompatibilityLevel.NONE),
            new StoreRecord.ConfigSet("s", CompatibilityLevel.FORWARD_TRANSITIVE),
            new StoreRecord.ConfigCleared(null),
            new StoreRecord.ConfigCleared("s"),
            new StoreRecord.SubjectDeleted("s", 4),
            new StoreRecord.SubjectDeletedRemoved("s"),
            new StoreRecord.WriterAnnounced("id-1", "http://127.0.0.1:8081"));

    for (StoreRecord record : records) {
      StoreRecordCodec.Encoded encoded = codec.encode(record);
      assertThat(codec.decode(encoded.key(), encoded.value())).contains(record);
    }
  }

  @Test
  void shouldReadRecordsConfluentWrites() {
    assertThat(
            codec.decode(
                bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}"),
                bytes(
                    "{\"subject\":\"t-value\",\"version\":1,\"id\":21,\"schema\":\"\\\"long\\\"\","
                        + "\"deleted\":false}")))
        .contains(new StoreRecord.SchemaVersion("t-value", 1, 21, "\"long\"", false));
    assertThat(codec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null)).isEmpty();
    assertThat(
            codec.decode(
                bytes("{\"keytype\":\"MODE\",\"subject\":null,\"magic\":0}"),
                bytes("{\"mode\":\"READWRITE\"}")))
        .isEmpty();
  }

  @Test
  void shouldRefuseRecordsItCannotUnderstand() {
    assertThatThrownBy(() -> codec.decode(bytes("not json"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                codec.decode(
                    bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}"),
                    bytes(
                        "{\"subject\":\"s\",\"version\":1,\"id\":1,\"schema\":\"x\","
                            + "\"schemaType\":\"PROTOBUF\"}")))
        .hasMessageContaining("PROTOBUF");
  }
}
