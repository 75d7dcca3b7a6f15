package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.SchemaRegistries;
import io.tokenlens.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: resolves the writer schema by the id in the header (cached), and
 * reads the Avro payload into the reader schema a subclass chooses, applying Avro schema resolution
 * (fields added with defaults, fields removed, enum defaults, promotions). A null value (a
 * tombstone) stays null.
 *
 * @param <T> type of the values returned
 */
public abstract class AvroDeserializer<T> implements Deserializer<T> {

  private SchemaRegistryClient client;
  private final boolean clientSupplied;
  private SerdeConfig config;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  /**
   * Each thread's decoder, pointed at the next record's bytes: Kafka Streams shares one
   * deserializer between its stream threads.
   */
  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

  protected AvroDeserializer() {
    this.clientSupplied = false;
  }

  protected AvroDeserializer(SchemaRegistryClient client) {
    this.client = client;
    this.clientSupplied = true;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.fromConfig(configs, !clientSupplied);
    if (!clientSupplied) {
      this.client = SchemaRegistries.create(config.registry());
    }
    readers.clear();
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (config == null) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " used before configure(configs, isKey)");
    }
    int id = WireFormat.schemaId(topic, data);
    DatumReader<T> reader = readers.computeIfAbsent(id, this::newReader);
    try {
      BinaryDecoder reuse = DECODER.get();
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, reuse);
      if (decoder != reuse) {
        DECODER.set(decoder);
      }
      return reader.read(null, decoder);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "Could not read a record with schema id "
              + id
              + " from topic '"
              + topic
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private DatumReader<T> newReader(int schemaId) {
    Schema writer = client.schemaById(schemaId);
    return reader(writer, config);
  }

  /** The datum reader of values written with {@code writer}. */
  protected abstract DatumReader<T> reader(Schema writer, SerdeConfig config);

  /** The registry client in use. */
  protected SchemaRegistryClient client() {
    return client;
  }

  @Override
  public void close() {
    if (client != null && !clientSupplied) {
      client.close();
    }
  }
}
