package io.tokenlens.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro values in the shapes the contract tests compare and write. */
final class AvroValues {
  private AvroValues() {}

  /**
   * A record's field values as plain Java values, so that a generated record and a generic one
   * compare: strings for {@code Utf8} and enum symbols, epoch milliseconds for {@code
   * timestamp-millis}, hex for bytes, maps of field name to value for nested records.
   */
  static Object plain(Object value) {
    if (value instanceof IndexedRecord record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Schema.Field field : record.getSchema().getFields()) {
        fields.put(field.name(), plain(record.get(field.pos())));
      }
      return fields;
    }
    if (value instanceof CharSequence
        || value instanceof GenericEnumSymbol<?>
        || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      byte[] array = new byte[copy.remaining()];
      copy.get(array);
      return HexFormat.of().formatHex(array);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> plain = new TreeMap<>();
      map.forEach((k, v) -> plain.put(k.toString(), plain(v)));
      return plain;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(AvroValues::plain).toList();
    }
    return value;
  }

  /**
   * {@code value} as a generic record of {@code target}, a variant of its schema: fields both
   * schemas have keep their values, {@code values} sets the others.
   */
  static GenericRecord asGeneric(SpecificRecord value, Schema target, Map<String, Object> values) {
    GenericRecord own = asGeneric(value);
    GenericRecord record = new GenericData.Record(target);
    for (Schema.Field field : target.getFields()) {
      Schema.Field same = own.getSchema().getField(field.name());
      if (values.containsKey(field.name())) {
        record.put(field.name(), values.get(field.name()));
      } else if (same != null && same.schema().equals(field.schema())) {
        record.put(field.name(), own.get(field.name()));
      }
    }
    return record;
  }

  /** {@code schema} plus an optional string field ({@code ["null", "string"]}, default null). */
  static Schema withOptionalString(Schema schema, String name) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(
        new Schema.Field(
            name,
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "Added by a test.",
            JsonProperties.NULL_VALUE));
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError(), fields);
  }

  /** {@code value} as a generic record of its own schema. */
  static GenericRecord asGeneric(SpecificRecord value) {
    Schema schema = value.getSchema();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(schema).write(value, encoder);
      encoder.flush();
      return new GenericDatumReader<GenericRecord>(schema)
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
