package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads the Confluent wire format into generic records: in the writer's schema, or in a given
 * reader schema. With {@code specific.avro.reader=true} it returns the generated classes instead
 * (which are generic records too).
 */
public class GenericAvroDeserializer extends AvroDeserializer<GenericRecord> {

  private final Schema readerSchema;

  public GenericAvroDeserializer() {
    this.readerSchema = null;
  }

  /** Reads every value into {@code readerSchema}. */
  public GenericAvroDeserializer(Schema readerSchema) {
    this.readerSchema = readerSchema;
  }

  /** With a client the caller owns; {@code readerSchema} may be null for the writer's schema. */
  public GenericAvroDeserializer(SchemaRegistryClient client, Schema readerSchema) {
    super(client);
    this.readerSchema = readerSchema;
  }

  @Override
  protected DatumReader<GenericRecord> reader(Schema writer, SerdeConfig config) {
    if (config.specificAvroReader()) {
      Schema reader =
          readerSchema != null ? readerSchema : SpecificAvroDeserializer.generatedSchema(writer);
      return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }
    return new GenericDatumReader<>(writer, readerSchema != null ? readerSchema : writer);
  }
}
