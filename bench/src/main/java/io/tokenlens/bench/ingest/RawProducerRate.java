package io.tokenlens.bench.ingest;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw broker produce rate the collectors are compared with: one idempotent {@code acks=all}
 * producer sending Claude Code-shaped {@link TokenUsage} records, each serialised to the Confluent
 * wire format as ingest does, as fast as it can for a while after a 2 s warm-up.
 */
public final class RawProducerRate {

  private RawProducerRate() {}

  /**
   * Records/s acknowledged by the broker on {@code topic} over {@code seconds} (after the warm-up).
   */
  public static double measure(String bootstrap, String registry, String topic, int seconds)
      throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      var serializer = serdes.valueSerializer(Topics.TOKEN_USAGE);
      long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
      long start = 0;
      long sent = 0;
      long counted = 0;
      while (System.nanoTime() < end) {
        if (start == 0 && System.nanoTime() >= warmupEnd) {
          producer.flush();
          start = System.nanoTime();
          counted = sent;
        }
        for (int i = 0; i < 1000; i++, sent++) {
          // serialised per record, as ingest does
          TokenUsage u = usage(sent);
          producer.send(
              new ProducerRecord<>(topic, u.getSessionId(), serializer.serialize(topic, u)));
        }
      }
      producer.flush();
      return (sent - counted) / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static TokenUsage usage(long i) {
    Instant now = Instant.now();
    return TokenUsage.newBuilder()
        .setEventId("raw-" + i)
        .setOccurredAt(now)
        .setAcceptedAt(now)
        .setSource(UsageSource.CLAUDE_CODE)
        .setSourceEventType("claude_code.api_request")
        .setProvider("anthropic")
        .setModel("claude-sonnet-4-5")
        .setTool("claude-code")
        .setSessionId("session-" + (i % 500))
        .setEventSequence(i)
        .setInputTokens(120)
        .setCacheReadTokens(30000)
        .setCacheWriteTokens(500)
        .setOutputTokens(80)
        .setReasoningTokens(0)
        .setReportedCostUsd(0.03)
        .setDurationMs(4000L)
        .setStatus(RequestStatus.SUCCESS)
        .build();
  }
}
