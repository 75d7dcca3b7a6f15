package io.tokenlens.bench;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.DirectoryEntryKind;
import io.tokenlens.schemas.avro.EngineerEntry;
import io.tokenlens.schemas.avro.IdentityEntry;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The organisation the benchmarks use: one price for {@link #MODEL}, and per engineer {@code
 * eng-<n>} an email identity ({@link #email}) and an engineer entry (team {@code team-<n mod 500>},
 * cost centre {@code cc-<n mod 50>}), published to the {@code model-prices} and {@code directory}
 * topics.
 */
public final class BenchDirectory {

  public static final String PROVIDER = "anthropic";
  public static final String MODEL = "claude-sonnet-4-5";

  private BenchDirectory() {}

  /** The email identity of engineer {@code n}. */
  public static String email(int n) {
    return "eng-" + n + "@bench.test";
  }

  /** Publishes the price and {@code engineers} engineers (not flushed). */
  public static void load(
      KafkaProducer<String, byte[]> producer,
      TopicSerdes serdes,
      TopicSettings topics,
      int engineers,
      Instant now) {
    send(
        producer,
        serdes,
        topics,
        Topics.MODEL_PRICES,
        ModelPrice.newBuilder()
            .setProvider(PROVIDER)
            .setModel(MODEL)
            .setEffectiveFrom(now.minus(Duration.ofDays(30)))
            .setInputUsdPerMillion(3.0)
            .setOutputUsdPerMillion(15.0)
            .setCacheReadUsdPerMillion(0.3)
            .setCacheWriteUsdPerMillion(3.75)
            .setVersion(1L)
            .build());
    for (int e = 0; e < engineers; e++) {
      String id = "eng-" + e;
      send(
          producer,
          serdes,
          topics,
          Topics.DIRECTORY,
          entry(DirectoryEntryKind.IDENTITY, now)
              .setIdentity(
                  IdentityEntry.newBuilder()
                      .setIdentityKind(IdentityKind.EMAIL)
                      .setIdentity(email(e))
                      .setEngineerId(id)
                      .build())
              .build());
      send(
          producer,
          serdes,
          topics,
          Topics.DIRECTORY,
          entry(DirectoryEntryKind.ENGINEER, now)
              .setEngineer(
                  EngineerEntry.newBuilder()
                      .setEngineerId(id)
                      .setTeam("team-" + e % 500)
                      .setCostCenter("cc-" + e % 50)
                      .build())
              .build());
    }
  }

  /** Publishes one record to the catalog topic, keyed as the catalog says. */
  public static <V extends SpecificRecord> void send(
      KafkaProducer<String, byte[]> producer,
      TopicSerdes serdes,
      TopicSettings topics,
      Topic<V> topic,
      V value) {
    String name = topics.name(topic);
    producer.send(
        new ProducerRecord<>(
            name, topic.key(value), serdes.valueSerializer(topic).serialize(name, value)));
  }

  private static DirectoryEntry.Builder entry(DirectoryEntryKind kind, Instant at) {
    return DirectoryEntry.newBuilder()
        .setKind(kind)
        .setVersion(1L)
        .setUpdatedAt(at)
        .setSource("benchmark");
  }
}
