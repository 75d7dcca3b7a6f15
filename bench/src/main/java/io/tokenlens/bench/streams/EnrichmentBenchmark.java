package io.tokenlens.bench.streams;

import io.tokenlens.bench.BenchArgs;
import io.tokenlens.bench.BenchDirectory;
import io.tokenlens.bench.RssSampler;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.StreamsApp;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the enrichment throughput and the process RSS of the streams job for organisations of
 * several sizes, against a running stack. For each size it provisions topics under a fresh prefix,
 * loads a directory of that many engineers (an email identity and an engineer entry each) and the
 * prices, pre-produces the events, then runs the job in this process and reads {@code
 * token-usage-enriched} with {@code read_committed} until every event arrived or the time bound
 * passed. Prints events/s from the first to the last enriched event and the peak RSS sampled while
 * the job ran. Deletes its topics afterwards.
 *
 * <pre>./tokenlens bench streams [--engineers 10000,100000] [--events 300000] [--max-seconds 240]
 * </pre>
 *
 * Kafka and the registry come from {@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS} and {@code
 * TOKENLENS_SCHEMA_REGISTRY_URL}; the job's other keys from their environment variables as for the
 * service ({@code TOKENLENS_STREAMS_NUM_THREADS}, {@code TOKENLENS_KAFKA_...}).
 */
public final class EnrichmentBenchmark {

  private EnrichmentBenchmark() {}

  /** One run's figures. */
  record Result(
      int engineers,
      long events,
      long enriched,
      double seconds,
      double eventsPerSecond,
      long peakRssBytes,
      boolean complete) {}

  public static void main(String[] args) throws Exception {
    EnrichmentOptions options =
        BenchArgs.parseOrExit(args, EnrichmentOptions.COMMAND_LINE, EnrichmentOptions::parse);
    List<Integer> sizes = options.engineers();
    int events = options.events();
    Duration bound = Duration.ofSeconds(options.maxSeconds());
    String bootstrap = BenchArgs.stackEnv("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS");
    String registry = BenchArgs.stackEnv("TOKENLENS_SCHEMA_REGISTRY_URL");

    List<Result> results = new ArrayList<>();
    for (int engineers : sizes) {
      results.add(run(bootstrap, registry, engineers, events, bound));
    }
    System.out.println();
    System.out.println(
        "| engineers | events | enriched | seconds | enriched events/s | peak RSS (MiB) |");
    System.out.println("|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %,d | %,d | %,d%s | %.1f | %,.0f | %d |%n",
          r.engineers(),
          r.events(),
          r.enriched(),
          r.complete() ? "" : " (time bound hit)",
          r.seconds(),
          r.eventsPerSecond(),
          r.peakRssBytes() >> 20);
    }
  }

  private static Result run(
      String bootstrap, String registry, int engineers, int events, Duration bound)
      throws Exception {
    String prefix = "bench-" + System.currentTimeMillis() + "-" + engineers + ".";
    Path stateDir = Files.createTempDirectory("tokenlens-bench");
    // the job's own keys may be tuned through the environment, as for the service
    // (TOKENLENS_STREAMS_...)
    Map<String, String> values =
        new HashMap<>(ConfigLayers.fromEnvironment(StreamsAppConfig.knownKeys(), System.getenv()));
    values.put(StreamsAppConfig.BOOTSTRAP_SERVERS, bootstrap);
    values.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry);
    values.put(StreamsAppConfig.APPLICATION_ID, prefix + "streams");
    values.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
    values.put("topics.name.prefix", prefix);
    StreamsAppConfig config = StreamsAppConfig.fromMap(values);
    Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(client);
        TopicSerdes serdes = new TopicSerdes(config.serdeProperties())) {
      new TopicProvisioner(admin, config.topicSettings(), Duration.ofSeconds(60)).provisionAll();
      System.out.printf(
          Locale.ROOT, "%,d engineers: loading the directory and %,d events%n", engineers, events);
      produceInputs(config, serdes, engineers, events);
      RssSampler rss = new RssSampler();
      try (StreamsApp app = new StreamsApp(config);
          KafkaConsumer<byte[], byte[]> consumer = enrichedConsumer(config, bootstrap)) {
        app.start();
        long deadline = System.nanoTime() + bound.toNanos();
        long count = 0;
        long first = 0;
        long last = 0;
        while (count < events && System.nanoTime() < deadline) {
          int polled = consumer.poll(Duration.ofMillis(200)).count();
          rss.sample();
          if (polled > 0) {
            last = System.nanoTime();
            first = first == 0 ? last : first;
            count += polled;
          }
        }
        double seconds = (last - first) / 1e9;
        double rate = seconds > 0 ? count / seconds : 0;
        System.out.printf(
            Locale.ROOT,
            "%,d engineers: %,d enriched in %.1f s: %,.0f events/s, peak RSS %d MiB%n",
            engineers,
            count,
            seconds,
            rate,
            rss.peak() >> 20);
        return new Result(engineers, events, count, seconds, rate, rss.peak(), count >= events);
      } finally {
        Set<String> ours =
            admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(prefix))
                .collect(Collectors.toSet());
        admin.deleteTopics(ours).all().get(60, TimeUnit.SECONDS);
        deleteRecursively(stateDir);
      }
    }
  }

  private static void produceInputs(
      StreamsAppConfig config, TopicSerdes serdes, int engineers, int events) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer())) {
      BenchDirectory.load(producer, serdes, config.topicSettings(), engineers, now);
      Instant start = now.minus(Duration.ofMinutes(30));
      for (int i = 0; i < events; i++) {
        int engineer = (int) ((i * 2_654_435_761L) % engineers);
        send(
            producer,
            serdes,
            config,
            Topics.TOKEN_USAGE,
            TokenUsage.newBuilder()
                .setEventId("bench-" + i)
                .setOccurredAt(start.plusMillis(i * 5L))
                .setAcceptedAt(now)
                .setSource(UsageSource.SIMULATOR)
                .setProvider(BenchDirectory.PROVIDER)
                .setModel(BenchDirectory.MODEL)
                .setTool("claude-code")
                .setUserEmail(BenchDirectory.email(engineer))
                .setSessionId("s-" + engineer + "-" + i % 7)
                .setRepository("acme/repo-" + engineer % 200)
                .setInputTokens(1_000 + i % 500)
                .setCacheReadTokens(20_000)
                .setCacheWriteTokens(0)
                .setOutputTokens(300)
                .setReasoningTokens(0)
                .setStatus(RequestStatus.SUCCESS)
                .build());
      }
      producer.flush();
    }
  }

  private static <V extends SpecificRecord> void send(
      KafkaProducer<String, byte[]> producer,
      TopicSerdes serdes,
      StreamsAppConfig config,
      Topic<V> topic,
      V value) {
    BenchDirectory.send(producer, serdes, config.topicSettings(), topic, value);
  }

  private static KafkaConsumer<byte[], byte[]> enrichedConsumer(
      StreamsAppConfig config, String bootstrap) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    String name = config.topicSettings().name(Topics.TOKEN_USAGE_ENRICHED);
    List<TopicPartition> partitions =
        consumer.partitionsFor(name).stream()
            .map(p -> new TopicPartition(name, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
