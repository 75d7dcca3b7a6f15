package io.tokenlens.sink;

import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.PipelineStage;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends poison records to their topic's {@code <topic>-dlq} as a {@link DeadLetter} with the
 * reason. The id is derived from the source coordinates, so a dead letter re-sent after a replay is
 * recognisable as the same one.
 */
public final class DeadLetterPublisher implements AutoCloseable {

  private static final int MAX_MESSAGE = 2_000;

  private final KafkaProducer<String, DeadLetter> producer;
  private final TopicSettings settings;

  public DeadLetterPublisher(
      Map<String, Object> producerConfig, TopicSerdes serdes, TopicSettings settings) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    Topic<DeadLetter> any = Topics.deadLetterTopic(Topics.TOKEN_USAGE).orElseThrow();
    Serializer<DeadLetter> values = serdes.valueSerializer(any);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), values);
    this.settings = settings;
  }

  /** The dead-letter topic of {@code topic}, if the catalog gives it one. */
  public Optional<String> topicFor(Topic<?> topic) {
    return Topics.deadLetterTopic(topic).map(settings::name);
  }

  /** Sends one dead letter; the returned future completes when the broker has it. */
  public Future<RecordMetadata> publish(
      String dlqTopic,
      TableMapping mapping,
      ConsumerRecord<byte[], byte[]> record,
      Throwable reason) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    for (Header h : record.headers()) {
      if (h.value() != null && h.value().length < 256) {
        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    String message = String.valueOf(reason.getMessage());
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setDeadLetterId(
                "sink:" + record.topic() + ":" + record.partition() + ":" + record.offset())
            .setFailedAt(Instant.now())
            .setStage(PipelineStage.SINK)
            .setComponent("sink-" + mapping.topic().name())
            .setSourceTopic(record.topic())
            .setSourcePartition(record.partition())
            .setSourceOffset(record.offset())
            .setKey(key)
            .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
            .setErrorClass(reason.getClass().getName())
            .setErrorMessage(
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
            .setHeaders(headers)
            .build();
    return producer.send(
        new ProducerRecord<>(dlqTopic, key != null ? key : letter.getComponent(), letter));
  }

  @Override
  public void close() {
    producer.close();
  }
}
