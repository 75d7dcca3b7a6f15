package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde of generic Avro records in the Confluent wire format. */
public class GenericAvroSerde implements Serde<GenericRecord> {

  private final GenericAvroSerializer serializer;
  private final GenericAvroDeserializer deserializer;

  /** Creates its own registry client from the configuration. */
  public GenericAvroSerde() {
    this.serializer = new GenericAvroSerializer();
    this.deserializer = new GenericAvroDeserializer();
  }

  /** Uses {@code client}, which the caller owns. */
  public GenericAvroSerde(SchemaRegistryClient client) {
    this.serializer = new GenericAvroSerializer(client);
    this.deserializer = new GenericAvroDeserializer(client, null);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<GenericRecord> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
