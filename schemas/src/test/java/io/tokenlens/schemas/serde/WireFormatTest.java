package io.tokenlens.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.registry.RegisteredSchema;
import io.tokenlens.schemas.registry.SchemaRegistryClient;
import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The documented Confluent wire format, byte by byte. */
class WireFormatTest {

  private static final Schema PING =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"test\",\"fields\":["
                  + "{\"name\":\"n\",\"type\":\"long\"},{\"name\":\"s\",\"type\":\"string\"}]}");

  /** A registry that knows one schema under one id. */
  private record OneSchema(int id, Schema schema) implements SchemaRegistryClient {
    @Override
    public int register(String subject, Schema s) {
      return id;
    }

    @Override
    public int lookup(String subject, Schema s) {
      return id;
    }

    @Override
    public Schema schemaById(int requested) {
      if (requested != id) {
        throw new UnknownSchemaIdException(requested, "test", "Schema not found");
      }
      return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
      return new RegisteredSchema(subject, id, 1, schema);
    }
  }

  @Test
  void shouldDecodeHandBuiltBytesForAKnownSchemaId() {
    byte[] bytes = {
      0x00, // magic byte
      0x00,
      0x00,
      0x01,
      0x2A, // schema id 298, big-endian
      0x0A, // n = 5, zig-zag varint
      0x04,
      'h',
      'i' // s = "hi": length 2 zig-zag, then UTF-8
    };
    GenericAvroDeserializer deserializer =
        new GenericAvroDeserializer(new OneSchema(298, PING), null);
    deserializer.configure(Map.of(), false);

    GenericRecord record = deserializer.deserialize("pings", bytes);

    assertThat(record.get("n")).isEqualTo(5L);
    assertThat(record.get("s").toString()).isEqualTo("hi");
  }

  @Test
  void shouldWriteMagicByteThenBigEndianSchemaIdThenAvroBinary() {
    GenericAvroSerializer serializer = new GenericAvroSerializer(new OneSchema(0x01020304, PING));
    serializer.configure(Map.of(), false);
    GenericRecord record = new GenericData.Record(PING);
    record.put("n", 5L);
    record.put("s", "hi");

    byte[] bytes = serializer.serialize("pings", record);

    assertThat(bytes).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x04, 'h', 'i');
  }

  @Test
  void shouldRefuseAnUnknownMagicByte() {
    GenericAvroDeserializer deserializer =
        new GenericAvroDeserializer(new OneSchema(1, PING), null);
    deserializer.configure(Map.of(), false);

    assertThatThrownBy(
            () -> deserializer.deserialize("pings", new byte[] {0x01, 0, 0, 0, 1, 0x0A, 0}))
        .isInstanceOf(UnknownMagicByteException.class)
        .hasMessageContaining("'pings'")
        .hasMessageContaining("starts with byte 1");
  }

  @Test
  void shouldRefuseBytesShorterThanTheHeader() {
    assertThatThrownBy(() -> WireFormat.schemaId("pings", new byte[] {0x00, 0x00}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("fewer than the 5-byte header");
  }

  @Test
  void shouldReportAnUnknownSchemaId() {
    GenericAvroDeserializer deserializer =
        new GenericAvroDeserializer(new OneSchema(1, PING), null);
    deserializer.configure(Map.of(), false);

    assertThatThrownBy(() -> deserializer.deserialize("pings", new byte[] {0, 0, 0, 0, 9, 0x0A, 0}))
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessageContaining("Schema id 9");
  }

  @Test
  void shouldReadTheHeader() {
    assertThat(WireFormat.header(298)).containsExactly(0x00, 0x00, 0x00, 0x01, 0x2A);
    assertThat(WireFormat.schemaId("t", new byte[] {0x00, 0x00, 0x00, 0x01, 0x2A})).isEqualTo(298);
  }
}
