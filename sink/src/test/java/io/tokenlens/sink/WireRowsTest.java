package io.tokenlens.sink;

import static io.tokenlens.sink.ReferenceRows.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tokenlens.fixtures.CodePushes;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.CodePush;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import io.tokenlens.schemas.serde.UnknownMagicByteException;
import io.tokenlens.schemas.serde.WireFormat;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.sink.rowbinary.TableColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The sink's rows decoded straight from the Avro binary, held to the reference: the topic's value
 * deserializer followed by {@link TableRows#row}, byte for byte.
 */
class WireRowsTest {

  private static final String TOPIC = "t.token-usage-enriched";

  private final ReferenceRows reference = new ReferenceRows();
  private final InMemorySchemaRegistryClient registry = reference.registry();
  private final TopicSerdes serdes = reference.serdes();

  private static TableRows table(TableMapping mapping) {
    return TableRows.bind(mapping, DerivedColumns.of(mapping));
  }

  private String directRow(WireRows wire, byte[] value) {
    return hex(reference.direct(wire, TOPIC, "k", value));
  }

  private String referenceRow(
      Topic<?> topic, TableRows table, String topicName, String key, byte[] value) {
    return reference.reference(topic, table, topicName, key, value);
  }

  @Test
  void shouldWriteTheReferenceBytesForEveryFixtureOfEveryCataloguedTopic() {
    Map<Topic<?>, List<? extends SpecificRecord>> fixtures = CatalogFixtures.byTopic();
    assertThat(fixtures.keySet())
        .containsExactlyInAnyOrderElementsOf(
            SinkTables.all().stream().<Topic<?>>map(TableMapping::topic).toList());
    int rows = 0;
    for (Map.Entry<Topic<?>, List<? extends SpecificRecord>> e : fixtures.entrySet()) {
      rows +=
          reference
              .assertSameRows(e.getKey(), table(SinkTables.forTopic(e.getKey())), e.getValue())
              .size();
    }
    assertThat(rows).isGreaterThan(fixtures.size());
  }

  @Test
  void shouldWriteTheReferenceBytesForTheTablesOwnColumnTypesAndOrder() {
    TableMapping mapping = SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED);
    List<TableColumn> columns = new ArrayList<>();
    for (TableColumn c : DerivedColumns.of(mapping)) {
      String type =
          switch (c.name()) {
            case "input_tokens" -> "UInt32";
            case "output_tokens" -> "Nullable(Float32)";
            case "computed_cost_usd" -> "Float64"; // NaN: the column's default
            case "occurred_at" -> "DateTime64(1, 'UTC')";
            case "accepted_at" -> "DateTime('UTC')";
            case "status" -> "String";
            case "event_sequence" -> "Nullable(String)";
            default -> c.type();
          };
      columns.add(new TableColumn(c.name(), type, c.defaultKind()));
    }
    TableRows table = TableRows.bind(mapping, columns);
    WireRows wire = new WireRows(table, registry);
    Instant beforeTheEpoch = Instant.parse("1969-12-31T23:59:59.001Z");
    for (TokenUsage usage :
        List.of(
            TokenUsages.aRequest().sequence(7).computedCost(Double.NaN).build(),
            TokenUsages.aRequest()
                .at(beforeTheEpoch)
                .acceptedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build(),
            TokenUsages.aRequest().acceptedAt(beforeTheEpoch).build(),
            TokenUsages.aRequest().input(-1).build())) {
      byte[] value = serdes.valueSerializer(Topics.TOKEN_USAGE_ENRICHED).serialize(TOPIC, usage);
      assertThat(outcome(() -> directRow(wire, value)))
          .isEqualTo(
              outcome(() -> referenceRow(Topics.TOKEN_USAGE_ENRICHED, table, TOPIC, "k", value)));
    }
  }

  /** The row, or the failure that names the column a value does not fit. */
  private static String outcome(java.util.function.Supplier<String> row) {
    try {
      return row.get();
    } catch (IllegalArgumentException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Test
  void shouldReadAnOlderOrNewerWriterSchemaAsAvroResolvesIt() throws IOException {
    Schema reader = TokenUsage.getClassSchema();
    Schema writer = evolvedWriter(reader);
    int id = registry.register("evolved-value", writer);
    TokenUsage usage = TokenUsages.aRequest().sequence(9).build();
    byte[] value = framed(id, writer, evolvedRecord(writer, usage));
    TableRows table = table(SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED));
    assertThat(table.binaryRows(writer).direct()).isTrue();

    String row = directRow(new WireRows(table, registry), value);

    assertThat(row).isEqualTo(referenceRow(Topics.TOKEN_USAGE_ENRICHED, table, TOPIC, "k", value));
    TokenUsage resolved =
        (TokenUsage)
            serdes.valueDeserializer(Topics.TOKEN_USAGE_ENRICHED).deserialize(TOPIC, value);
    assertThat(resolved.getTeam()).isNull(); // not written: the reader's default
    assertThat(resolved.getStatus().name())
        .isEqualTo("UNKNOWN"); // a symbol the reader lacks: its default
    assertThat(resolved.getInputTokens()).isEqualTo(usage.getInputTokens()); // int promoted to long
  }

  @Test
  void shouldReadArraysWrittenInBlocksWithTheirByteSize() throws IOException {
    CodePush push = CodePushes.aPush().build();
    Schema schema = push.getSchema();
    int id = registry.register("blocked-value", schema);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().blockingBinaryEncoder(bytes, null);
    new SpecificDatumWriter<CodePush>(schema).write(push, encoder);
    encoder.flush();
    byte[] value = bytes.toByteArray();
    TableRows table = table(SinkTables.forTopic(Topics.CODE_PUSHES));

    assertThat(push.getCommitShas()).hasSizeGreaterThan(1);
    assertThat(directRow(new WireRows(table, registry), value))
        .isEqualTo(referenceRow(Topics.CODE_PUSHES, table, TOPIC, "k", value));
  }

  @Test
  void shouldFailLikeTheDeserializerWhenTheWriterLacksAFieldWithoutDefault() throws IOException {
    Schema reader = TokenUsage.getClassSchema();
    Schema writer =
        Schema.createRecord(
            reader.getName(),
            null,
            reader.getNamespace(),
            false,
            List.of(new Schema.Field("eventId", Schema.create(Schema.Type.STRING))));
    int id = registry.register("partial-value", writer);
    GenericRecord r = new GenericData.Record(writer);
    r.put("eventId", "e-1");
    byte[] value = framed(id, writer, r);
    TableRows table = table(SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED));
    assertThat(table.binaryRows(writer).direct()).as("occurredAt has no default").isFalse();

    Throwable direct = catchThrowable(() -> directRow(new WireRows(table, registry), value));
    Throwable expected =
        catchThrowable(() -> referenceRow(Topics.TOKEN_USAGE_ENRICHED, table, TOPIC, "k", value));

    assertThat(direct).isInstanceOf(SerializationException.class).hasMessage(expected.getMessage());
  }

  @Test
  void shouldRefuseATruncatedRecordLikeTheDeserializer() {
    byte[] whole =
        serdes
            .valueSerializer(Topics.TOKEN_USAGE_ENRICHED)
            .serialize(TOPIC, TokenUsages.aRequest().build());
    TableRows table = table(SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED));
    WireRows wire = new WireRows(table, registry);
    int id = WireFormat.schemaId(TOPIC, whole);
    for (int length :
        new int[] {WireFormat.HEADER_SIZE, WireFormat.HEADER_SIZE + 3, whole.length - 1}) {
      byte[] truncated = Arrays.copyOf(whole, length);
      Throwable expected =
          catchThrowable(
              () -> referenceRow(Topics.TOKEN_USAGE_ENRICHED, table, TOPIC, "k", truncated));
      assertThat(expected).isInstanceOf(SerializationException.class);
      assertThatThrownBy(() -> directRow(wire, truncated))
          .as("%d of %d bytes", length, whole.length)
          .isExactlyInstanceOf(expected.getClass())
          .hasMessageStartingWith(
              "Could not read a record with schema id " + id + " from topic '" + TOPIC + "': ");
    }
  }

  @Test
  void shouldLeaveUnknownSchemaIdsAndForeignBytesToTheRegistryWaitAndTheDeadLetters() {
    byte[] whole =
        serdes
            .valueSerializer(Topics.TOKEN_USAGE_ENRICHED)
            .serialize(TOPIC, TokenUsages.aRequest().build());
    WireRows wire = new WireRows(table(SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED)), registry);
    byte[] unknownId = whole.clone();
    unknownId[4] = 99;
    assertThatThrownBy(() -> directRow(wire, unknownId))
        .isInstanceOf(UnknownSchemaIdException.class);
    byte[] json = "{\"eventId\":\"e\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> directRow(wire, json)).isInstanceOf(UnknownMagicByteException.class);
    assertThatThrownBy(() -> directRow(wire, new byte[] {0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("fewer than the 5-byte header");
  }

  /**
   * TokenUsage as another version wrote it: {@code eventId} last, {@code team} missing, {@code
   * inputTokens} an int, {@code reportedCostUsd} a nullable float, a status enum with a symbol the
   * reader lacks, and fields the reader does not have (a string, an array, a map, a nested record).
   */
  private static Schema evolvedWriter(Schema reader) {
    List<Schema.Field> fields = new ArrayList<>();
    Schema status =
        Schema.createEnum(
            "RequestStatus",
            null,
            "io.tokenlens.schemas.avro",
            List.of("SUCCESS", "THROTTLED", "ERROR", "UNKNOWN"));
    for (Schema.Field f : reader.getFields()) {
      Schema schema =
          switch (f.name()) {
            case "team", "eventId" -> null;
            case "inputTokens" -> Schema.create(Schema.Type.INT);
            case "reportedCostUsd" ->
                Schema.createUnion(
                    Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.FLOAT));
            case "status" -> status;
            default -> f.schema();
          };
      if (schema != null) {
        fields.add(new Schema.Field(f.name(), schema));
      }
    }
    fields.add(2, new Schema.Field("note", Schema.create(Schema.Type.STRING)));
    fields.add(new Schema.Field("tags", Schema.createArray(Schema.create(Schema.Type.STRING))));
    fields.add(new Schema.Field("labels", Schema.createMap(Schema.create(Schema.Type.STRING))));
    fields.add(
        new Schema.Field(
            "origin",
            Schema.createRecord(
                "Origin",
                null,
                "x",
                false,
                List.of(new Schema.Field("host", Schema.create(Schema.Type.STRING))))));
    fields.add(new Schema.Field("eventId", Schema.create(Schema.Type.STRING)));
    return Schema.createRecord(reader.getName(), null, reader.getNamespace(), false, fields);
  }

  private static GenericRecord evolvedRecord(Schema writer, TokenUsage usage) {
    GenericRecord r = new GenericData.Record(writer);
    for (Schema.Field f : writer.getFields()) {
      Schema.Field readerField = usage.getSchema().getField(f.name());
      Object v = readerField == null ? null : usage.get(readerField.pos());
      if (v instanceof Instant i) {
        v = i.toEpochMilli();
      } else if (v instanceof Enum<?> e) {
        v =
            new GenericData.EnumSymbol(
                f.schema(), f.name().equals("status") ? "THROTTLED" : e.name());
      } else if (f.name().equals("inputTokens")) {
        v = ((Long) v).intValue();
      } else if (f.name().equals("reportedCostUsd") && v != null) {
        v = ((Double) v).floatValue();
      }
      r.put(f.pos(), v);
    }
    r.put("note", "from an older collector");
    r.put("tags", List.of("a", "b", "c"));
    r.put("labels", Map.of("k1", "v1", "k2", "v2"));
    GenericRecord origin = new GenericData.Record(writer.getField("origin").schema());
    origin.put("host", "h-1");
    r.put("origin", origin);
    return r;
  }

  /**
   * The record in the wire format, arrays and maps written in blocks with their byte size
   * (skippable).
   */
  private static byte[] framed(int id, Schema writer, GenericRecord record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(WireFormat.header(id));
    BinaryEncoder encoder = EncoderFactory.get().blockingBinaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }
}
