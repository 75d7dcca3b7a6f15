package io.tokenlens.sink.rowbinary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class RowEncoderTest {

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String encode(String type, Object value) {
    RowBinaryOutput out = new RowBinaryOutput(16);
    ValueEncoders.forType(type).write(value, out);
    return hex(out.toByteArray());
  }

  @Test
  void shouldWriteEachTypeAsClickHouseReadsRowBinary() {
    assertThat(encode("String", new Utf8("héllo"))).isEqualTo("0668c3a96c6c6f");
    assertThat(encode("LowCardinality(Nullable(String))", null)).isEqualTo("01");
    assertThat(encode("LowCardinality(Nullable(String))", "a")).isEqualTo("000161");
    assertThat(encode("Int64", -2L)).isEqualTo("feffffffffffffff");
    assertThat(encode("UInt32", 258)).isEqualTo("02010000");
    assertThat(encode("UInt8", 1)).isEqualTo("01");
    assertThat(encode("Bool", true)).isEqualTo("01");
    assertThat(encode("Float64", 1.5)).isEqualTo("000000000000f83f");
    assertThat(encode("Nullable(Float64)", Double.NaN)).isEqualTo("01");
    assertThat(encode("DateTime64(3, 'UTC')", Instant.ofEpochMilli(1_000)))
        .isEqualTo("e803000000000000");
    assertThat(encode("DateTime64(6, 'UTC')", 1L)).isEqualTo("e803000000000000");
    assertThat(encode("Array(String)", List.of("a", "bc"))).isEqualTo("020161026263");
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("x", 2.0);
    assertThat(encode("Map(String, Float64)", map)).isEqualTo("0101780000000000000040");
    assertThat(encode("String", 300)).isEqualTo("03333030");
    // a 200-byte string: the length is a two-byte LEB128
    assertThat(encode("String", "x".repeat(200))).startsWith("c801");
  }

  @Test
  void shouldFillANamedTupleFromANestedRecordByColumnName() {
    Schema ref =
        SchemaBuilder.record("Ref")
            .fields()
            .optionalString("repository")
            .optionalLong("number")
            .optionalString("commitSha")
            .endRecord();
    GenericRecord r = new GenericData.Record(ref);
    r.put("repository", "a/b");
    r.put("number", 7L);
    String type =
        "Array(Tuple(repository Nullable(String), number Nullable(Int64), commit_sha Nullable(String), "
            + "url Nullable(String)))";
    assertThat(encode(type, List.of(r)))
        .isEqualTo("01" + "0003612f62" + "000700000000000000" + "01" + "01");
  }

  @Test
  void shouldRefuseATypeItCannotWriteWhenBuiltNotAtTheFirstRow() {
    Schema schema = SchemaBuilder.record("R").fields().requiredString("id").endRecord();
    List<TableColumn> columns = List.of(new TableColumn("id", "UUID", ""));
    assertThatThrownBy(() -> RowEncoder.of("t", columns, schema, List.of()))
        .hasMessageContaining("t.id")
        .hasMessageContaining("UUID");
  }

  @Test
  void shouldWriteEveryInsertableColumnInTableOrderWithDefaultsForTheRest() {
    Schema team = SchemaBuilder.record("Team").fields().requiredString("team").endRecord();
    Schema schema =
        SchemaBuilder.record("R")
            .fields()
            .requiredString("eventId")
            .name("engineer")
            .type()
            .optional()
            .type(team)
            .requiredLong("inputTokens")
            .requiredDouble("cost")
            .optionalString("unknownField")
            .endRecord();
    List<TableColumn> columns =
        List.of(
            new TableColumn("kafka_offset", "UInt64", ""),
            new TableColumn("event_id", "String", ""),
            new TableColumn("engineer_team", "LowCardinality(String)", ""),
            new TableColumn("input_tokens", "Int64", ""),
            new TableColumn("cost", "Float64", ""),
            new TableColumn("total", "Int64", "MATERIALIZED"),
            new TableColumn("inserted_at", "DateTime64(3, 'UTC')", "DEFAULT"));
    RowEncoder encoder = RowEncoder.of("t", columns, schema, List.of("kafka_offset"));
    assertThat(encoder.columns())
        .containsExactly(
            "kafka_offset", "event_id", "engineer_team", "input_tokens", "cost", "inserted_at");

    GenericRecord r = new GenericData.Record(schema);
    r.put("eventId", "e");
    r.put("engineer", null); // a missing nested record: its columns take their defaults
    r.put("inputTokens", 5L);
    r.put(
        "cost", Double.NaN); // not a number in a column without NULL: its default, as JSON null was
    assertThat(hex(encoder.encode(r, 9L)))
        .isEqualTo(
            "00"
                + "0900000000000000"
                + "00"
                + "0165"
                + "01"
                + "00"
                + "0500000000000000"
                + "01"
                + "01");
  }

  @Test
  void shouldNameTheColumnWhenAValueDoesNotFit() {
    Schema schema = SchemaBuilder.record("R").fields().requiredLong("n").endRecord();
    RowEncoder encoder =
        RowEncoder.of("t", List.of(new TableColumn("n", "UInt32", "")), schema, List.of());
    GenericRecord r = new GenericData.Record(schema);
    r.put("n", -1L);
    assertThatThrownBy(() -> encoder.encode(r))
        .hasMessageContaining("t.n")
        .hasMessageContaining("negative");
  }

  @Test
  void shouldRefuseAnExtraColumnTheTableDoesNotHave() {
    assertThatThrownBy(
            () ->
                RowEncoder.of(
                    "t",
                    List.of(new TableColumn("a", "String", "")),
                    null,
                    List.of("kafka_offset")))
        .hasMessageContaining("kafka_offset");
  }
}
