package io.tokenlens.streams.errors;

import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.PipelineStage;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds the dead-letter records of the job: a {@link DeadLetter} naming topic, partition and
 * offset of the failed record, with its raw key and value, for {@code <topic>-dlq} of the catalog
 * topic it was read from. Records read from the job's own repartition topics (not in the catalog)
 * go to the dead-letter topic of {@code token-usage-enriched}, the stream they are part of.
 */
public final class DeadLetters implements AutoCloseable {

  static final int MAX_MESSAGE = 2_000;
  private static final Topic<?> FALLBACK = Topics.TOKEN_USAGE_ENRICHED;

  private final TopicSettings settings;
  private final TopicSerdes serdes;
  private final Serializer<DeadLetter> serializer;
  private final Clock clock;

  public DeadLetters(TopicSettings settings, TopicSerdes serdes, Clock clock) {
    this.settings = settings;
    this.serdes = serdes;
    this.serializer = serdes.valueSerializer(Topics.deadLetterTopic(FALLBACK).orElseThrow());
    this.clock = clock;
  }

  /**
   * From the configuration Kafka Streams hands to its handlers ({@code topics.*} and serde keys).
   */
  public static DeadLetters fromConfig(Map<String, ?> configs) {
    return new DeadLetters(
        TopicSettings.fromConfig(configs), new TopicSerdes(configs), Clock.systemUTC());
  }

  /**
   * The full name of the dead-letter topic for a record read from {@code sourceTopic} (a full
   * name).
   */
  public String deadLetterTopicFor(String sourceTopic) {
    Topic<?> primary =
        Optional.ofNullable(sourceTopic)
            .filter(t -> t.startsWith(settings.namePrefix()))
            .map(t -> t.substring(settings.namePrefix().length()))
            .flatMap(Topics::byName)
            .filter(Topic::hasDeadLetterTopic)
            .orElse(FALLBACK);
    return settings.name(Topics.deadLetterTopic(primary).orElseThrow());
  }

  /** The dead-letter record of one failed record. */
  public List<ProducerRecord<byte[], byte[]>> record(
      String component,
      String topic,
      Integer partition,
      Long offset,
      byte[] rawKey,
      byte[] rawValue,
      Headers headers,
      Exception error) {
    String key = rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8);
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setDeadLetterId(UUID.randomUUID().toString())
            .setFailedAt(clock.instant())
            .setStage(PipelineStage.STREAMS)
            .setComponent(component)
            .setSourceTopic(topic)
            .setSourcePartition(partition)
            .setSourceOffset(offset)
            .setKey(key)
            .setPayload(ByteBuffer.wrap(rawValue == null ? new byte[0] : rawValue))
            .setErrorClass(error.getClass().getName())
            .setErrorMessage(truncate(String.valueOf(error.getMessage())))
            .setHeaders(textHeaders(headers))
            .build();
    String target = deadLetterTopicFor(topic);
    byte[] value = serializer.serialize(target, letter);
    byte[] outKey = (key != null ? key : component).getBytes(StandardCharsets.UTF_8);
    return List.of(new ProducerRecord<>(target, null, outKey, value));
  }

  private static Map<String, String> textHeaders(Headers headers) {
    Map<String, String> map = new LinkedHashMap<>();
    if (headers != null) {
      for (Header header : headers) {
        if (header.value() != null && !header.key().toLowerCase().contains("signature")) {
          map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return map;
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
  }

  @Override
  public void close() {
    serializer.close();
    serdes.close();
  }
}
