package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.serde.GenericAvroDeserializer;
import io.tokenlens.schemas.serde.SpecificAvroSerde;
import io.tokenlens.schemas.serde.SpecificAvroSerializer;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic of the catalog, through the real broker and the stack's registry: a fixture value
 * produced with the specific serde (auto-registering {@code <topic>-value}) is consumed back equal
 * with its specific deserializer and field by field with the generic one, framed in the Confluent
 * wire format with the id the registry holds for the subject. Topics come from {@link
 * Topics#all()}, so a new topic is covered as soon as its value type has a fixture ({@link
 * CatalogFixtures} says what to add when one is missing).
 */
@StackTest
class SerdeRoundTripIT {

  static Stream<Topic<?>> catalog() {
    return Topics.all().stream();
  }

  @AfterAll
  static void deleteSubjectsAndTopics(StackScope stack) {
    if (!"false".equalsIgnoreCase(System.getenv("TOKENLENS_TEST_CLEANUP"))) {
      new RegistryClient(URI.create(stack.schemaRegistryUrl())).purgeSubjects(stack.topicPrefix());
      KafkaForTests.deleteTopicsOf(stack);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalog")
  void shouldRoundTripAFixtureInTheConfluentWireFormat(Topic<?> topic, StackScope stack)
      throws Exception {
    roundTrip(topic, stack);
  }

  @Test
  void shouldCoverEveryValueTypeOfTheCatalogWithAFixture() {
    assertThat(Topics.all())
        .allSatisfy(
            topic -> assertThat(CatalogFixtures.valueOf(topic)).isInstanceOf(topic.valueType()));
  }

  /**
   * One serializer writing one value type to several topics, as a dead-letter producer does for
   * every {@code <topic>-dlq}: each topic's subject must hold the schema (Confluent's serializer
   * registers it per subject), or compatibility is never checked there and readers of {@code
   * <topic>-value} find no version.
   */
  @Test
  void shouldRegisterTheSchemaUnderTheSubjectOfEveryTopicOneSerializerWritesTo(StackScope stack) {
    TopicSettings settings = TopicSettings.local().withNamePrefix(stack.topicPrefix());
    List<String> deadLetterTopics =
        Topics.all().stream()
            .filter(topic -> topic.valueType() == DeadLetter.class)
            .map(settings::name)
            .toList();
    assertThat(deadLetterTopics).hasSizeGreaterThan(1);
    RegistryClient registry = new RegistryClient(URI.create(stack.schemaRegistryUrl()));

    try (SpecificAvroSerializer<DeadLetter> serializer = new SpecificAvroSerializer<>()) {
      serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
      for (String topic : deadLetterTopics) {
        serializer.serialize(topic, OutputRecords.aDeadLetter().build());
      }
    }

    assertThat(deadLetterTopics)
        .allSatisfy(
            topic ->
                assertThat(
                        registry
                            .get(
                                "/subjects/"
                                    + RegistryClient.encode(topic + "-value")
                                    + "/versions")
                            .status())
                    .as("versions of %s-value", topic)
                    .isEqualTo(200));
  }

  private static <V extends SpecificRecord> void roundTrip(Topic<V> topic, StackScope stack)
      throws Exception {
    TopicSettings settings = TopicSettings.local().withNamePrefix(stack.topicPrefix());
    String name = settings.name(topic);
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      admin.createTopics(List.of(settings.newTopic(topic))).all().get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> serdeConfig =
        Map.of("schema.registry.url", stack.schemaRegistryUrl(), "auto.register.schemas", true);
    V value = CatalogFixtures.valueOf(topic);

    try (SpecificAvroSerde<V> serde = new SpecificAvroSerde<>(topic.valueType());
        GenericAvroDeserializer generic = new GenericAvroDeserializer()) {
      serde.configure(serdeConfig, false);
      generic.configure(serdeConfig, false);
      Map<String, Object> producerConfig = stack.kafkaConfig();
      producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
      try (KafkaProducer<String, V> producer =
          new KafkaProducer<>(producerConfig, new StringSerializer(), serde.serializer())) {
        producer
            .send(new ProducerRecord<>(name, topic.key(value), value))
            .get(30, TimeUnit.SECONDS);
      }

      ConsumerRecord<String, V> asSpecific = consumeOne(stack, name, serde.deserializer());
      assertThat(asSpecific.key()).isEqualTo(topic.key(value));
      assertThat(asSpecific.value()).isInstanceOf(topic.valueType()).isEqualTo(value);

      GenericRecord asGeneric = consumeOne(stack, name, generic).value();
      assertThat(asGeneric.getSchema()).isEqualTo(topic.valueSchema());
      assertThat(AvroValues.plain(asGeneric)).isEqualTo(AvroValues.plain(value));
    }

    byte[] wire = consumeOne(stack, name, new ByteArrayDeserializer()).value();
    JsonNode latest = latestVersion(stack, name + "-value");
    assertThat(wire[0]).as("magic byte").isZero();
    assertThat(ByteBuffer.wrap(wire, 1, 4).getInt())
        .as("schema id, big-endian")
        .isEqualTo(latest.get("id").asInt());
    assertThat(latest.get("version").asInt()).isEqualTo(1);
    assertThat(new Schema.Parser().parse(latest.get("schema").asText()))
        .isEqualTo(topic.valueSchema());
  }

  /** The only record of {@code topic}, read from the beginning of every partition. */
  private static <V> ConsumerRecord<String, V> consumeOne(
      StackScope stack, String topic, Deserializer<V> values) {
    Map<String, Object> config = stack.kafkaConfig();
    // the fetch of the empty partitions would otherwise wait 500 ms for data
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      Waits.until(
          "a record read back",
          Waits.LONG,
          () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size();
          },
          n -> n > 0);
      assertThat(records).hasSize(1);
      return records.get(0);
    }
  }

  private static JsonNode latestVersion(StackScope stack, String subject) {
    RegistryClient.Reply reply =
        new RegistryClient(URI.create(stack.schemaRegistryUrl()))
            .get("/subjects/" + RegistryClient.encode(subject) + "/versions/latest");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
