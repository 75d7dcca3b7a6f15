package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;

/** Serialises generic Avro records into the Confluent wire format. */
public class GenericAvroSerializer extends AvroSerializer<GenericRecord> {

  public GenericAvroSerializer() {}

  public GenericAvroSerializer(SchemaRegistryClient client) {
    super(client);
  }
}
