package io.tokenlens.ingest.publish;

import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.schemas.registry.RegistryUnreachableException;
import io.tokenlens.schemas.registry.SchemaRegistryException;
import io.tokenlens.schemas.topics.RecordHeaders;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to Kafka with an idempotent {@code acks=all} producer. Values are serialised (Confluent
 * wire format) on the caller's thread, so a registry outage is seen before anything is sent. At
 * most {@code bufferMaxRecords} records wait for acknowledgement at once; beyond that, and when the
 * broker cannot take records (metadata unavailable within {@code max.block.ms}), {@link #publish}
 * throws {@link BackPressureException} and the endpoint answers 503; {@link Acknowledged} splits a
 * request larger than the whole buffer.
 */
public final class KafkaPublisher implements Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

  private final Producer<String, byte[]> producer;
  private final Admin admin;
  private final TopicSerdes serdes;
  private final TopicSettings topics;
  private final IngestMetrics metrics;
  private final Semaphore buffer;
  private final int bufferMaxRecords;
  private final String registryUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Serializer<SpecificRecord>> serializers = new ConcurrentHashMap<>();

  public KafkaPublisher(
      Map<String, Object> kafka,
      Map<String, Object> serdeConfig,
      TopicSettings topics,
      int bufferMaxRecords,
      IngestMetrics metrics) {
    this.producer =
        new KafkaProducer<>(
            producerConfig(kafka), new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> adminConfig = new HashMap<>(kafka);
    ProducerConfig.configNames().stream()
        .filter(k -> !org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(k))
        .forEach(adminConfig::remove);
    this.admin = Admin.create(adminConfig);
    this.serdes = new TopicSerdes(serdeConfig);
    this.topics = topics;
    this.metrics = metrics;
    this.bufferMaxRecords = bufferMaxRecords;
    this.buffer = new Semaphore(bufferMaxRecords);
    this.registryUrl = firstRegistryUrl(String.valueOf(serdeConfig.get("schema.registry.url")));
  }

  /** The producer settings: the pass-through ones, then the service's fixed guarantees. */
  static Map<String, Object> producerConfig(Map<String, Object> kafka) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "tokenlens-ingest");
    config.putAll(kafka);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<Void> publish(
      List<? extends PendingRecord<?>> records, AuthenticatedBy authenticatedBy) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    if (records.size() > bufferMaxRecords) {
      // Acknowledged splits a request to fit; any other caller gets the retriable answer, never a
      // 500
      throw new BackPressureException(
          records.size()
              + " records at once exceed the publish buffer of "
              + bufferMaxRecords
              + " records (ingest.buffer.max.records)");
    }
    List<ProducerRecord<String, byte[]>> encoded = new ArrayList<>(records.size());
    for (PendingRecord<?> r : records) {
      String topic = topics.name(r.topic());
      Serializer<SpecificRecord> serializer =
          serializers.computeIfAbsent(
              r.topic().name(),
              n -> (Serializer<SpecificRecord>) (Serializer<?>) serdes.valueSerializer(r.topic()));
      try {
        encoded.add(
            producerRecord(
                topic,
                r.key(),
                serializer.serialize(topic, (SpecificRecord) r.value()),
                authenticatedBy));
      } catch (SchemaRegistryException e) {
        if (e instanceof RegistryUnreachableException || e.httpStatus() >= 500) {
          // an outage, not a verdict on the record: the client (or the spool) tries again later
          throw new BackPressureException("schema registry unavailable: " + e.getMessage(), e);
        }
        throw e;
      }
    }
    if (!buffer.tryAcquire(encoded.size())) {
      throw new BackPressureException(
          "publish buffer full (" + bufferMaxRecords + " records waiting for Kafka)");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(encoded.size());
    long start = System.nanoTime();
    int handedOver = 0;
    try {
      for (ProducerRecord<String, byte[]> record : encoded) {
        if (done.isCompletedExceptionally()) {
          // one record already failed (no metadata within max.block.ms, buffer memory exhausted):
          // the answer is
          // 503 whatever happens to the rest, so the request thread does not wait max.block.ms once
          // per record
          break;
        }
        producer.send(
            record,
            (meta, error) -> {
              buffer.release();
              if (error != null) {
                done.completeExceptionally(error);
              } else {
                metrics.accepted(record.topic(), 1);
                if (remaining.decrementAndGet() == 0) {
                  metrics.publishLatency(System.nanoTime() - start);
                  done.complete(null);
                }
              }
            });
        handedOver++;
      }
    } catch (KafkaException e) {
      if (e instanceof RetriableException
          || e instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new BackPressureException("Kafka cannot take records now: " + e.getMessage(), e);
      }
      throw e;
    } finally {
      buffer.release(
          encoded.size() - handedOver); // the permits of records never handed to the producer
    }
    return done;
  }

  @Override
  public int maxRecordsAtOnce() {
    return bufferMaxRecords;
  }

  /**
   * The record as sent: key, encoded value and the {@value RecordHeaders#AUTHENTICATED_BY} header
   * when present.
   */
  static ProducerRecord<String, byte[]> producerRecord(
      String topic, String key, byte[] value, AuthenticatedBy authenticatedBy) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    if (authenticatedBy.present()) {
      record
          .headers()
          .add(
              RecordHeaders.AUTHENTICATED_BY,
              authenticatedBy.value().getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  /** The topic name (with the configured prefix) a catalog topic is published to. */
  public String topicName(Topic<?> topic) {
    return topics.name(topic);
  }

  @Override
  public ReadinessReport ready(Duration timeout) {
    List<String> problems = new ArrayList<>();
    try {
      int nodes =
          admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      if (nodes == 0) {
        problems.add("kafka: no broker");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("kafka: interrupted");
    } catch (Exception e) {
      problems.add("kafka: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    try {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(registryUrl + "/subjects"))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() >= 500) {
        problems.add("schema registry: HTTP " + answer.statusCode());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("schema registry: interrupted");
    } catch (Exception e) {
      problems.add("schema registry: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    return new ReadinessReport(problems);
  }

  private static String firstRegistryUrl(String urls) {
    String first = urls.split(",")[0].trim();
    URI uri = URI.create(first);
    // user info (credentials) is never part of the readiness probe's URL
    String base =
        uri.getScheme()
            + "://"
            + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + (uri.getPath() == null ? "" : uri.getPath());
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @Override
  public void close() {
    try {
      producer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warn("closing the producer: {}", e.toString());
    }
    admin.close(Duration.ofSeconds(2));
    serdes.close();
  }
}
