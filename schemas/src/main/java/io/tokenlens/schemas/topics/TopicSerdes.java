package io.tokenlens.schemas.topics;

import io.tokenlens.schemas.registry.SchemaRegistries;
import io.tokenlens.schemas.registry.SchemaRegistryClient;
import io.tokenlens.schemas.serde.SerdeConfig;
import io.tokenlens.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds the serdes of catalog topics: plain-string keys and Confluent-wire-format Avro values, all
 * sharing one registry client (and so one cache). Close it to release the client.
 */
public final class TopicSerdes implements AutoCloseable {

  private final SchemaRegistryClient client;
  private final boolean ownsClient;
  private final Map<String, ?> configs;

  /**
   * Serdes with a registry client created from {@code configs} (Confluent keys: {@code
   * schema.registry.url}, {@code auto.register.schemas}, ...).
   */
  public TopicSerdes(Map<String, ?> configs) {
    SerdeConfig config = SerdeConfig.fromConfig(configs, true);
    this.client = SchemaRegistries.create(config.registry());
    this.ownsClient = true;
    this.configs = Map.copyOf(configs);
  }

  /**
   * Serdes using {@code client}, which the caller owns; {@code configs} may omit the registry URL.
   */
  public TopicSerdes(SchemaRegistryClient client, Map<String, ?> configs) {
    SerdeConfig.fromConfig(configs, false);
    this.client = client;
    this.ownsClient = false;
    this.configs = Map.copyOf(configs);
  }

  /** The key serde: keys are plain UTF-8 strings on every topic. */
  public Serde<String> keySerde() {
    return Serdes.String();
  }

  /** A configured value serde of {@code topic}. */
  public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
    SpecificAvroSerde<V> serde = new SpecificAvroSerde<>(topic.valueType(), client);
    serde.configure(configs, false);
    return serde;
  }

  /** A configured value serializer of {@code topic}. */
  public <V extends SpecificRecord> Serializer<V> valueSerializer(Topic<V> topic) {
    return valueSerde(topic).serializer();
  }

  /** A configured value deserializer of {@code topic}. */
  public <V extends SpecificRecord> Deserializer<V> valueDeserializer(Topic<V> topic) {
    return valueSerde(topic).deserializer();
  }

  /** The shared registry client. */
  public SchemaRegistryClient client() {
    return client;
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
