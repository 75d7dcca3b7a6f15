package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.RegisteredSchema;
import io.tokenlens.schemas.registry.SchemaRegistries;
import io.tokenlens.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serialises Avro records (generated or generic) into the Confluent wire format. The schema id
 * comes from the registry: registered on first use ({@code auto.register.schemas=true}, the
 * default), looked up ({@code auto.register.schemas=false}), or the subject's latest version
 * ({@code use.latest.version=true}, the value then converted to that schema).
 *
 * @param <T> record type
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

  private record Target(int id, Schema schema) {}

  private record WriterKey(Schema schema, Class<?> model) {}

  /**
   * Ids are per subject: one serializer writing to several topics registers the schema under each.
   */
  private record TargetKey(String subject, Schema schema) {}

  private SchemaRegistryClient client;
  private final boolean clientSupplied;
  private SerdeConfig config;
  private boolean isKey;
  private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<TargetKey, Target> targets = new ConcurrentHashMap<>();

  /**
   * Each thread's buffer and encoder: Kafka Streams shares one serializer between its stream
   * threads.
   */
  private static final ThreadLocal<FramedOutput> OUTPUT =
      ThreadLocal.withInitial(FramedOutput::new);

  /**
   * For Kafka to instantiate from configuration; {@link #configure} creates the registry client.
   */
  public AvroSerializer() {
    this.clientSupplied = false;
  }

  /** With a client the caller owns; {@code schema.registry.url} is then not needed. */
  public AvroSerializer(SchemaRegistryClient client) {
    this.client = client;
    this.clientSupplied = true;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.fromConfig(configs, !clientSupplied);
    this.isKey = isKey;
    if (!clientSupplied) {
      this.client = SchemaRegistries.create(config.registry());
    }
    writers.clear();
    targets.clear();
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (config == null) {
      throw new IllegalStateException("AvroSerializer used before configure(configs, isKey)");
    }
    Schema schema = record.getSchema();
    String subject = config.subjectNameStrategy().subject(topic, isKey);
    Target target = target(subject, schema);
    Object value = target.schema() == schema ? record : convert(record, schema, target.schema());
    try {
      FramedOutput out = OUTPUT.get();
      out.start(target.id());
      writer(target.schema(), record).write(value, out.encoder());
      return out.framed();
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new SerializationException(
          "Could not serialise a "
              + schema.getFullName()
              + " for topic '"
              + topic
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private Target target(String subject, Schema schema) {
    TargetKey key = new TargetKey(subject, schema);
    Target cached = targets.get(key);
    if (cached != null) {
      return cached;
    }
    Target target;
    if (config.useLatestVersion()) {
      RegisteredSchema latest = client.latest(subject);
      boolean same =
          SchemaNormalization.toParsingForm(latest.schema())
              .equals(SchemaNormalization.toParsingForm(schema));
      target = new Target(latest.id(), same ? schema : latest.schema());
    } else if (config.autoRegisterSchemas()) {
      target = new Target(client.register(subject, schema), schema);
    } else {
      target = new Target(client.lookup(subject, schema), schema);
    }
    if (!config.useLatestVersion()) {
      targets.put(key, target);
    }
    return target;
  }

  private DatumWriter<Object> writer(Schema schema, T record) {
    boolean specific = record instanceof SpecificRecord && schema == record.getSchema();
    WriterKey key = new WriterKey(schema, specific ? record.getClass() : GenericData.class);
    return writers.computeIfAbsent(
        key,
        k ->
            specific
                ? new SpecificDatumWriter<>(k.schema(), SpecificData.getForClass(record.getClass()))
                : new GenericDatumWriter<>(k.schema(), GenericData.get()));
  }

  /**
   * Re-reads {@code record} with {@code target} as reader schema, for {@code use.latest.version}.
   */
  private Object convert(T record, Schema own, Schema target) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer(own, record).write(record, encoder);
      encoder.flush();
      GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(own, target);
      return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "Could not convert a "
              + own.getFullName()
              + " to the subject's latest schema (use.latest.version=true): "
              + e.getMessage(),
          e);
    }
  }

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
