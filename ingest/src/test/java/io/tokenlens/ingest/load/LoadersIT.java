package io.tokenlens.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.TopicReader;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.imports.ImportContext;
import io.tokenlens.ingest.imports.ProviderExport;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every loader against the real broker and registry: the directory through {@code POST
 * /v1/directory}, prices and the three provider exports through the command line with its Kafka
 * publisher, read back from the topics.
 */
@StackTest
class LoadersIT {
  private static final String KEY = "it-loader-key-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static StackScope stack;

  @TempDir Path dir;

  @BeforeAll
  static void topics(StackScope scope) {
    stack = scope;
    stack.createTopics(1, "directory", "model-prices", "provider-usage");
  }

  private static Map<String, String> env() {
    return Map.of(
        "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS",
        stack.bootstrapServers(),
        "TOKENLENS_SCHEMA_REGISTRY_URL",
        stack.schemaRegistryUrl(),
        "TOKENLENS_TOPICS_NAME_PREFIX",
        stack.topicPrefix());
  }

  private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(
      Topic<V> topic, String key, int expected) {
    return TopicReader.records(
        stack.kafkaConfig(),
        stack.schemaRegistryUrl(),
        topic,
        stack.topic(topic.name()),
        key,
        expected,
        WAIT);
  }

  private void load(Instant at, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    LoadMain main =
        new LoadMain(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            LoadMain.kafka(),
            Clock.fixed(at, ZoneOffset.UTC));
    assertThat(main.run(args, env())).as(err.toString(StandardCharsets.UTF_8)).isZero();
  }

  private String sample(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, Samples.bytes(name));
    return file.toString();
  }

  @Test
  void shouldPublishTheDirectoryPostedOverHttpWithTombstones() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.admin.api.keys", "it=" + KEY);
    values.put("kafka.bootstrap.servers", stack.bootstrapServers());
    values.put("schema.registry.url", stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    try (IngestServer server = IngestServer.start(IngestConfig.fromMap(values))) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/v1/directory"))
                      .header("Authorization", "Bearer " + KEY)
                      .header("Content-Type", "text/csv")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(Samples.bytes("directory.csv")))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    List<ConsumerRecord<String, DirectoryEntry>> ada = read(Topics.DIRECTORY, "engineer:e-ada", 1);
    assertThat(ada)
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.value().getEngineer().getTeam()).isEqualTo("payments");
              assertThat(rec.value().getSource()).isEqualTo("api:it");
            });
    assertThat(read(Topics.DIRECTORY, "identity:EMAIL:ada@example.com", 1))
        .singleElement()
        .satisfies(rec -> assertThat(rec.value().getIdentity().getEngineerId()).isEqualTo("e-ada"));
    assertThat(read(Topics.DIRECTORY, "engineer:e-left", 1))
        .singleElement()
        .satisfies(rec -> assertThat(rec.value()).isNull());
  }

  @Test
  void shouldPublishTheShippedPricesAndOverridesFromTheCommandLine() throws Exception {
    Instant now = Instant.now();
    load(now, "prices");
    load(now.plusSeconds(1), "prices", sample("prices.csv"));

    assertThat(read(Topics.MODEL_PRICES, "openai/o3@2025-06-10T00:00:00Z", 1))
        .singleElement()
        .satisfies(rec -> assertThat(rec.value().getInputUsdPerMillion()).isEqualTo(2.0));
    List<ConsumerRecord<String, ModelPrice>> override =
        read(Topics.MODEL_PRICES, "anthropic/claude-sonnet-4-5@2026-01-01T00:00:00Z", 1);
    assertThat(override)
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.value().getSource()).isEqualTo("prices.csv");
              assertThat(rec.value().getVersion()).isEqualTo(now.plusSeconds(1).toEpochMilli());
            });
  }

  @Test
  void shouldImportEachExportTwiceUnderTheSameKeysWithPublishTimeTimestamps() throws Exception {
    Instant first = Instant.now();
    Instant second = first.plusSeconds(3600);
    Map<String, String> exports =
        Map.of(
            "anthropic",
            "anthropic-usage.json",
            "openai",
            "openai-usage.json",
            "copilot",
            "copilot-metrics.ndjson");
    for (Map.Entry<String, String> e : exports.entrySet()) {
      String file = sample(e.getValue());
      load(first, "import", e.getKey(), file);
      load(second, "import", e.getKey(), file);
    }

    String anthropicKey =
        ProviderExport.ANTHROPIC
            .parse(Samples.bytes("anthropic-usage.json"), new ImportContext(first, "x"))
            .get(0)
            .getEventId();
    List<ConsumerRecord<String, ProviderUsage>> twice =
        read(Topics.PROVIDER_USAGE, anthropicKey, 2);
    assertThat(twice).hasSize(2);
    assertThat(twice).extracting(rec -> rec.value().getEventId()).containsOnly(anthropicKey);
    assertThat(twice)
        .extracting(rec -> rec.value().getVersion())
        .containsExactly(first.toEpochMilli(), second.toEpochMilli());
    // ACCEPT_TIME: the record timestamp is the publish time, never the (months old) bucket
    assertThat(twice)
        .allSatisfy(
            rec ->
                assertThat(rec.timestamp()).isGreaterThanOrEqualTo(first.toEpochMilli() - 60_000));
    assertThat(twice.get(0).value().getBucketStart())
        .isEqualTo(Instant.parse("2025-08-01T00:00:00Z"));

    for (String export : List.of("OPENAI", "COPILOT")) {
      ProviderExport parser = ProviderExport.valueOf(export);
      String sampleName = exports.get(parser.cliName());
      String key =
          parser
              .parse(Samples.bytes(sampleName), new ImportContext(first, "x"))
              .get(0)
              .getEventId();
      assertThat(read(Topics.PROVIDER_USAGE, key, 2))
          .as(export)
          .hasSize(2)
          .allSatisfy(rec -> assertThat(rec.value().getSource().name()).startsWith(export));
    }
  }
}
