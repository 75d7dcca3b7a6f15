package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import io.tokenlens.schemas.serde.GenericAvroDeserializer;
import io.tokenlens.schemas.serde.GenericAvroSerializer;
import io.tokenlens.schemas.serde.WireFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The pipeline's serdes against this registry when a schema they have read is deleted for good. */
class DeletedSchemaReadTest {
  private static final String TOPIC = "usage";
  private static final String SUBJECT = TOPIC + "-value";

  @Test
  void shouldKeepDecodingRecordsWhoseSchemaWasPermanentlyDeletedAfterItWasRead() {
    try (InMemoryRegistry registry =
            new InMemoryRegistry("--admin-basic-auth", "ops:ops-password");
        GenericAvroSerializer serializer = new GenericAvroSerializer();
        GenericAvroDeserializer reader = new GenericAvroDeserializer();
        GenericAvroDeserializer restarted = new GenericAvroDeserializer()) {
      Map<String, String> serdeConfig =
          Map.of("schema.registry.url", registry.client().base().toString());
      serializer.configure(serdeConfig, false);
      reader.configure(serdeConfig, false);
      restarted.configure(serdeConfig, false);
      Schema schema = new Schema.Parser().parse(Schemas.V1);
      GenericRecord usage = new GenericData.Record(schema);
      usage.put("model", "claude-opus-4-5");
      byte[] written = serializer.serialize(TOPIC, usage);
      int id = WireFormat.schemaId(TOPIC, written);
      assertThat(reader.deserialize(TOPIC, written).get("model")).hasToString("claude-opus-4-5");

      RegistryClient ops = registry.client().withBasicAuth("ops", "ops-password");
      assertThat(ops.delete("/subjects/" + SUBJECT).status()).isEqualTo(200);
      assertThat(ops.delete("/subjects/" + SUBJECT + "?permanent=true").status()).isEqualTo(200);
      assertThat(registry.client().get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);

      assertThat(reader.deserialize(TOPIC, written).get("model")).hasToString("claude-opus-4-5");
      assertThatThrownBy(() -> restarted.deserialize(TOPIC, written))
          .isInstanceOf(UnknownSchemaIdException.class)
          .hasMessageContaining("Schema id " + id + " is not known to the schema registry");
    }
  }
}
