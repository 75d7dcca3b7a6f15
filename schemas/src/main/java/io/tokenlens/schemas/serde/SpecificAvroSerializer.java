package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serialises generated Avro classes into the Confluent wire format.
 *
 * @param <T> generated record class
 */
public class SpecificAvroSerializer<T extends SpecificRecord> extends AvroSerializer<T> {

  public SpecificAvroSerializer() {}

  public SpecificAvroSerializer(SchemaRegistryClient client) {
    super(client);
  }
}
