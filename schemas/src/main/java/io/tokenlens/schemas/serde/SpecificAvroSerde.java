package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of one generated Avro class in the Confluent wire format. Configure it with {@link
 * #configure(Map, boolean)} before use.
 *
 * @param <T> generated record class
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  /** Creates its own registry client from the configuration. */
  public SpecificAvroSerde(Class<T> type) {
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>(type);
  }

  /** Uses {@code client}, which the caller owns. */
  public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
    this.serializer = new SpecificAvroSerializer<>(client);
    this.deserializer = new SpecificAvroDeserializer<>(type, client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
