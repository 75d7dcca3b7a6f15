package io.tokenlens.demo;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Token events at a steady rate onto {@code token-usage}, as the collectors publish them (an
 * idempotent {@code acks=all} producer), each with an id of its own; the ids Kafka acknowledged and
 * the sends it failed are kept.
 */
final class SteadyLoad implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final TopicSerdes serdes;
  private final String prefix;
  private final int perSecond;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final AtomicLong sent = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  SteadyLoad(String bootstrapServers, String registryUrl, String prefix, int perSecond) {
    this.producer =
        new KafkaProducer<>(
            Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer());
    this.serdes = new TopicSerdes(Map.of("schema.registry.url", registryUrl));
    this.prefix = prefix;
    this.perSecond = perSecond;
    this.thread = new Thread(this::run, "steady-load");
  }

  void start() {
    thread.start();
  }

  private void run() {
    long begin = System.nanoTime();
    long n = 0;
    while (running) {
      long due = begin + n * 1_000_000_000L / perSecond;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the load, not a wait
        } catch (InterruptedException e) {
          return;
        }
      }
      send(prefix + "-" + n++);
    }
  }

  private void send(String id) {
    TokenUsage usage =
        TokenUsages.aRequest()
            .eventId(id)
            .engineer("eng-" + Math.floorMod(id.hashCode(), 20))
            .unresolved()
            .session(prefix + "-s-" + Math.floorMod(id.hashCode(), 97))
            .at(Instant.now())
            .build();
    String topic = Topics.TOKEN_USAGE.name();
    sent.incrementAndGet();
    producer.send(
        new ProducerRecord<>(
            topic,
            Topics.TOKEN_USAGE.key(usage),
            serdes.valueSerializer(Topics.TOKEN_USAGE).serialize(topic, usage)),
        (metadata, error) -> (error == null ? acknowledged : failed).add(id));
  }

  /** Stops sending and waits until every send was acknowledged or failed. */
  void stop() throws InterruptedException {
    running = false;
    thread.join();
    producer.flush();
  }

  long sent() {
    return sent.get();
  }

  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  Set<String> failed() {
    return Set.copyOf(failed);
  }

  @Override
  public void close() throws InterruptedException {
    if (running) {
      stop();
    }
    producer.close();
    serdes.close();
  }
}
