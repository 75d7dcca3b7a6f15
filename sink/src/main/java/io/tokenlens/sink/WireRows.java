package io.tokenlens.sink;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import io.tokenlens.schemas.serde.WireFormat;
import io.tokenlens.sink.rowbinary.AvroRowEncoder;
import io.tokenlens.sink.rowbinary.MalformedAvroException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * The rows of one topic's values in the Confluent wire format, decoded from the Avro binary
 * straight into RowBinary: the writer schema comes from the registry by the value's schema id (the
 * client caches it), and the encoder compiled for it ({@link AvroRowEncoder}) is kept per id.
 * Failures are those of the topic's value deserializer: a value that is not in the wire format, a
 * registry that fails or does not know the id (thrown as the client throws them), bytes that do not
 * decode ({@link SerializationException} naming the schema id and the topic). Not thread-safe.
 */
final class WireRows {

  private final TableRows table;
  private final SchemaRegistryClient registry;
  private final Map<Integer, AvroRowEncoder> encoders = new HashMap<>();

  WireRows(TableRows table, SchemaRegistryClient registry) {
    this.table = table;
    this.registry = registry;
  }

  TableRows table() {
    return table;
  }

  /** The row of a record with a non-null value. */
  byte[] row(String topic, String key, byte[] value, Headers headers, int partition, long offset) {
    int id = WireFormat.schemaId(topic, value);
    AvroRowEncoder encoder = encoders.get(id);
    if (encoder == null) {
      encoder = table.binaryRows(registry.schemaById(id));
      encoders.put(id, encoder);
    }
    Object[] extras = table.mapping().extras(key, headers, partition, offset);
    try {
      return encoder.encode(
          value, WireFormat.HEADER_SIZE, value.length - WireFormat.HEADER_SIZE, extras);
    } catch (MalformedAvroException e) {
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
}
