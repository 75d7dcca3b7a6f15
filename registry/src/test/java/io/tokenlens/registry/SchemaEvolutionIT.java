package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.registry.RegistryClient.Reply;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.registry.IncompatibleSchemaException;
import io.tokenlens.schemas.registry.SchemaRegistries;
import io.tokenlens.schemas.registry.SchemaRegistryClient;
import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import io.tokenlens.schemas.serde.GenericAvroDeserializer;
import io.tokenlens.schemas.serde.GenericAvroSerializer;
import io.tokenlens.schemas.serde.SpecificAvroDeserializer;
import io.tokenlens.schemas.serde.SpecificAvroSerializer;
import io.tokenlens.schemas.serde.UnknownMagicByteException;
import io.tokenlens.schemas.serde.WireFormat;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a catalog schema ({@link TokenUsage}) may evolve on the stack's registry, seen through the
 * REST API and through the serdes: what a subject's compatibility level accepts and refuses, that
 * readers on either side of an accepted change read each other's data, and how the deserializers
 * fail on bytes they cannot place. Each test uses its own topic, so its own subject {@code
 * <topic>-value}; levels are set per subject, never globally.
 */
@StackTest
class SchemaEvolutionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema V1 = TokenUsage.getClassSchema();

  private RegistryClient registry;
  private Map<String, Object> serdeConfig;
  private String topic;
  private String subject;
  private TokenUsage usage;

  @BeforeEach
  void newSubject(StackScope stack) {
    registry = new RegistryClient(URI.create(stack.schemaRegistryUrl()));
    serdeConfig =
        Map.of("schema.registry.url", stack.schemaRegistryUrl(), "auto.register.schemas", true);
    topic = stack.topic("usage-" + UUID.randomUUID().toString().substring(0, 8));
    subject = topic + "-value";
    usage = TokenUsages.aRequest().engineer("eng-0042").team("team-07").build();
  }

  @AfterAll
  static void deleteSubjects(StackScope stack) {
    if (!"false".equalsIgnoreCase(System.getenv("TOKENLENS_TEST_CLEANUP"))) {
      new RegistryClient(URI.create(stack.schemaRegistryUrl())).purgeSubjects(stack.topicPrefix());
    }
  }

  @Test
  void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredTwice() {
    int first = registry.register(subject, V1.toString());
    int again = registry.register(subject, V1.toString());
    int viaSerdeClient;
    try (SchemaRegistryClient client = SchemaRegistries.create(serdeConfig)) {
      viaSerdeClient = client.register(subject, V1);
    }

    assertThat(again).isEqualTo(first);
    assertThat(viaSerdeClient).isEqualTo(first);
    assertThat(schemaId(serialize(usage))).isEqualTo(first);
    assertThat(registry.get("/subjects/" + subject + "/versions").json().toString())
        .isEqualTo("[1]");
  }

  @Test
  void shouldAcceptAnOptionalFieldUnderBackwardAndReadAcrossBothVersions() {
    registry.setLevel(subject, "BACKWARD");
    Schema v2 = AvroValues.withOptionalString(V1, "region");
    byte[] oldData = serialize(usage);
    GenericRecord newRecord = AvroValues.asGeneric(usage, v2, Map.of("region", "eu-west-1"));

    byte[] newData = serializeGeneric(newRecord);

    int v2Id = registry.get("/subjects/" + subject + "/versions/2").json().get("id").asInt();
    assertThat(schemaId(newData)).isEqualTo(v2Id).isNotEqualTo(schemaId(oldData));
    assertThat(registry.get("/subjects/" + subject + "/versions").json().toString())
        .isEqualTo("[1,2]");
    // the old reader (the generated class) reads new data: the new field is skipped
    try (SpecificAvroDeserializer<TokenUsage> oldReader =
        new SpecificAvroDeserializer<>(TokenUsage.class)) {
      oldReader.configure(serdeConfig, false);
      assertThat(oldReader.deserialize(topic, newData)).isEqualTo(usage);
    }
    // the new reader reads old data: the new field takes its default
    try (GenericAvroDeserializer newReader = new GenericAvroDeserializer(v2)) {
      newReader.configure(serdeConfig, false);
      GenericRecord read = newReader.deserialize(topic, oldData);
      assertThat(read.getSchema()).isEqualTo(v2);
      assertThat(read.get("region")).isNull();
      assertThat(AvroValues.plain(read))
          .isEqualTo(
              AvroValues.plain(
                  AvroValues.asGeneric(usage, v2, Collections.singletonMap("region", null))));
      assertThat(AvroValues.plain(newReader.deserialize(topic, newData)))
          .isEqualTo(AvroValues.plain(newRecord));
    }
  }

  @Test
  void shouldRejectAChangedFieldTypeWith409() {
    Schema changed =
        edit(
            V1,
            fields -> {
              ObjectNode inputTokens = field(fields, "inputTokens");
              inputTokens.put("type", "string");
              inputTokens.remove("default");
            });

    assertRejected("BACKWARD", changed, Map.of("inputTokens", "1500"), "TYPE_MISMATCH");
  }

  @Test
  void shouldRejectANewRequiredFieldWithoutDefaultWith409() {
    Schema required =
        edit(
            V1,
            fields ->
                fields.add(
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("name", "region")
                        .put("type", "string")
                        .put("doc", "Cloud region.")));

    assertRejected(
        "BACKWARD", required, Map.of("region", "eu-west-1"), "READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  /**
   * Removing {@code model} (a string without default). Under BACKWARD Avro accepts this: the new
   * schema, as reader, simply ignores the old field (see the next test). It is rejected where the
   * old schema must read new data, FORWARD and FULL: the old reader finds no value and no default.
   */
  @ParameterizedTest
  @ValueSource(strings = {"FORWARD", "FULL", "FORWARD_TRANSITIVE", "FULL_TRANSITIVE"})
  void shouldRejectRemovingAFieldWithoutDefaultWhereOldReadersReadNewData(String level) {
    Schema removed = edit(V1, fields -> fields.remove(index(fields, "model")));

    assertRejected(level, removed, Map.of(), "READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void shouldAcceptRemovingAFieldWithoutDefaultUnderBackward() {
    registry.setLevel(subject, "BACKWARD");
    serialize(usage);
    Schema removed = edit(V1, fields -> fields.remove(index(fields, "model")));

    byte[] newData = serializeGeneric(AvroValues.asGeneric(usage, removed, Map.of()));

    assertThat(registry.get("/subjects/" + subject + "/versions").json().toString())
        .isEqualTo("[1,2]");
    try (GenericAvroDeserializer reader = new GenericAvroDeserializer()) {
      reader.configure(serdeConfig, false);
      assertThat(reader.deserialize(topic, newData).getSchema().getField("model")).isNull();
    }
  }

  @Test
  void shouldFailWithUnknownSchemaIdExceptionOnAnIdTheRegistryDoesNotKnow() {
    int unknown = Integer.MAX_VALUE;
    assertThat(registry.get("/schemas/ids/" + unknown).errorCode()).isEqualTo(40403);
    byte[] data = withHeader(unknown, payloadOf(serialize(usage)));

    try (SpecificAvroDeserializer<TokenUsage> specific =
            new SpecificAvroDeserializer<>(TokenUsage.class);
        GenericAvroDeserializer generic = new GenericAvroDeserializer()) {
      specific.configure(serdeConfig, false);
      generic.configure(serdeConfig, false);

      assertThatThrownBy(() -> specific.deserialize(topic, data))
          .isInstanceOf(UnknownSchemaIdException.class)
          .hasMessageContaining("Schema id " + unknown)
          .satisfies(e -> assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(unknown));
      assertThatThrownBy(() -> generic.deserialize(topic, data))
          .isInstanceOf(UnknownSchemaIdException.class);
    }
  }

  @Test
  void shouldFailWithUnknownMagicByteExceptionOnBytesNotStartingWithZero() {
    byte[] framed = serialize(usage);
    byte[] data = framed.clone();
    data[0] = 0x01;

    try (SpecificAvroDeserializer<TokenUsage> specific =
            new SpecificAvroDeserializer<>(TokenUsage.class);
        GenericAvroDeserializer generic = new GenericAvroDeserializer()) {
      specific.configure(serdeConfig, false);
      generic.configure(serdeConfig, false);

      assertThatThrownBy(() -> specific.deserialize(topic, data))
          .isInstanceOf(UnknownMagicByteException.class)
          .hasMessageContaining("starts with byte 1");
      assertThatThrownBy(() -> generic.deserialize(topic, data))
          .isInstanceOf(UnknownMagicByteException.class);
      assertThat(specific.deserialize(topic, framed)).isEqualTo(usage);
    }
  }

  /** What a consumer sees: the magic-byte failure with the record's topic, partition, offset. */
  @Test
  void shouldSurfaceAnUnknownMagicByteToTheConsumerWithItsPosition(StackScope stack)
      throws Exception {
    stack.createTopics(1, topic.substring(stack.topicPrefix().length()));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            stack.kafkaConfig(), new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(topic, "s-1", new byte[] {1, 0, 0, 0, 1, 2}))
          .get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> config = stack.kafkaConfig();
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    SpecificAvroDeserializer<TokenUsage> values = new SpecificAvroDeserializer<>(TokenUsage.class);
    values.configure(serdeConfig, false);
    try (KafkaConsumer<String, TokenUsage> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<RecordDeserializationException> failures = new ArrayList<>();
      Waits.until(
          "a record the consumer fails to deserialize",
          Waits.LONG,
          () -> {
            try {
              consumer.poll(Duration.ofMillis(200));
            } catch (RecordDeserializationException e) {
              failures.add(e);
            }
            return failures.size();
          },
          n -> n > 0);

      RecordDeserializationException failure = failures.get(0);
      assertThat(failure.topicPartition()).isEqualTo(partition);
      assertThat(failure.offset()).isZero();
      assertThat(failure.getCause()).isInstanceOf(UnknownMagicByteException.class);
    }
  }

  /**
   * Sets {@code level} on the subject, registers V1, then checks that the registry refuses {@code
   * candidate} with 409 naming {@code errorType}, and that a serializer registering it fails with
   * {@link IncompatibleSchemaException} carrying the registry's message unchanged.
   */
  private void assertRejected(
      String level, Schema candidate, Map<String, Object> values, String errorType) {
    registry.setLevel(subject, level);
    serialize(usage);

    Reply reply =
        registry.post(
            "/subjects/" + subject + "/versions", RegistryClient.schemaBody(candidate.toString()));

    assertThat(reply.status()).as(reply.body()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo(409);
    assertThat(reply.message()).contains(errorType).contains("compatibility: '" + level + "'");
    GenericRecord record = AvroValues.asGeneric(usage, candidate, values);
    assertThatThrownBy(() -> serializeGeneric(record))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e -> {
              assertThat(e.subject()).isEqualTo(subject);
              assertThat(e.registryMessage()).isEqualTo(reply.message());
              assertThat(e.getMessage()).contains(reply.message());
            });
    assertThat(registry.get("/subjects/" + subject + "/versions").json().toString())
        .isEqualTo("[1]");
  }

  /** {@code value} through the specific serializer, registering V1 under the subject. */
  private byte[] serialize(TokenUsage value) {
    try (SpecificAvroSerializer<TokenUsage> serializer = new SpecificAvroSerializer<>()) {
      serializer.configure(serdeConfig, false);
      return serializer.serialize(topic, value);
    }
  }

  /** {@code record} through the generic serializer, registering its schema under the subject. */
  private byte[] serializeGeneric(GenericRecord record) {
    try (GenericAvroSerializer serializer = new GenericAvroSerializer()) {
      serializer.configure(serdeConfig, false);
      return serializer.serialize(topic, record);
    }
  }

  private static int schemaId(byte[] framed) {
    assertThat(framed[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  private static byte[] payloadOf(byte[] framed) {
    return Arrays.copyOfRange(framed, WireFormat.HEADER_SIZE, framed.length);
  }

  private static byte[] withHeader(int schemaId, byte[] payload) {
    return ByteBuffer.allocate(WireFormat.HEADER_SIZE + payload.length)
        .put(WireFormat.header(schemaId))
        .put(payload)
        .array();
  }

  /** A variant of {@code schema}: its JSON with {@code change} applied to the field list. */
  private static Schema edit(Schema schema, Consumer<ArrayNode> change) {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
      change.accept((ArrayNode) json.get("fields"));
      return new Schema.Parser().parse(json.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode field(ArrayNode fields, String name) {
    return (ObjectNode) fields.get(index(fields, name));
  }

  private static int index(ArrayNode fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (name.equals(fields.get(i).path("name").asText())) {
        return i;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }
}
