package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The REST API contract against one Kafka-backed instance, and what it leaves in the topic. */
@StackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRegistryIT extends RegistryApiContract {
  private KafkaForTests kafka;
  private SchemaRegistryServer server;

  @BeforeAll
  void start(StackScope stack) {
    kafka = new KafkaForTests(stack, "api");
    server = kafka.start(adminArgs());
  }

  @AfterAll
  void stop() {
    kafka.close();
  }

  @Override
  RegistryClient client() {
    return new RegistryClient(server.url()).withBasicAuth(ADMIN_USER, ADMIN_PASSWORD);
  }

  @Test
  void shouldBeTheWriterWhenAlone() {
    assertThat(server.isWriter()).isTrue();
  }

  @Test
  void shouldCreateTheTopicWithOnePartitionCompacted() throws Exception {
    try (Admin admin = kafka.admin()) {
      TopicDescription description =
          admin
              .describeTopics(List.of(kafka.topic()))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(kafka.topic());
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic());
      Config config =
          admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);

      assertThat(description.partitions()).hasSize(1);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
    }
  }

  @Test
  void shouldStoreConfluentStyleRecordsInTheTopic() {
    String subject = subject("records");
    int id = client().register(subject, Schemas.unique());
    client().delete("/subjects/" + RegistryClient.encode(subject));

    List<String> records = readTopic();

    assertThat(records)
        .contains(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"" + subject + "\",\"version\":1,\"magic\":1}");
    assertThat(records)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith(
                        "{\"subject\":\""
                            + subject
                            + "\",\"version\":1,\"id\":"
                            + id
                            + ",\"schema\":"));
    assertThat(records)
        .contains(
            "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"" + subject + "\",\"magic\":0}",
            "{\"subject\":\"" + subject + "\",\"version\":1}");
  }

  /** Keys and values of every committed record, as text. */
  private List<String> readTopic() {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    TopicPartition partition = new TopicPartition(kafka.topic(), 0);
    List<String> texts = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          texts.add(record.key());
          texts.add(String.valueOf(record.value()));
        }
      }
    }
    return texts;
  }
}
