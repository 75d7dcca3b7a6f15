package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the Confluent wire format into generated Avro classes. With a class, values are read into
 * that class's schema whatever schema they were written with (as far as Avro resolution allows);
 * without one (Kafka instantiating it from configuration), into the generated class named like the
 * writer schema.
 *
 * @param <T> generated record class
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> extends AvroDeserializer<T> {

  private final Class<T> type;

  /** Reads into the generated class named by each writer schema. */
  public SpecificAvroDeserializer() {
    this.type = null;
  }

  /** Reads into {@code type}. */
  public SpecificAvroDeserializer(Class<T> type) {
    this.type = type;
  }

  /** Reads into {@code type}, with a client the caller owns. */
  public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    super(client);
    this.type = type;
  }

  @Override
  protected DatumReader<T> reader(Schema writer, SerdeConfig config) {
    Schema reader = type != null ? SpecificData.get().getSchema(type) : generatedSchema(writer);
    return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
  }

  static Schema generatedSchema(Schema writer) {
    Class<?> generated = SpecificData.get().getClass(writer);
    if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
      throw new SerializationException(
          "No generated Avro class named "
              + writer.getFullName()
              + " on the classpath to read schema "
              + writer.getFullName()
              + " into");
    }
    return SpecificData.get().getSchema(generated);
  }
}
