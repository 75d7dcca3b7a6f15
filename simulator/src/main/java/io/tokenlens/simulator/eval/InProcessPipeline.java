package io.tokenlens.simulator.eval;

import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.DefaultPricesPublisher;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.streams.StreamsApp;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline in this JVM under the stack's topic prefix: the catalog's topics provisioned, the
 * shipped default prices on {@code model-prices}, the streams job (application id {@code
 * <prefix>streams}, with the {@link ReplaySettings}) running, and an ingest service on a free port
 * with a fresh API key and webhook secrets.
 */
public final class InProcessPipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InProcessPipeline.class);
  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final StreamsAppConfig streamsConfig;
  private final StreamsApp streams;
  private final IngestServer ingest;
  private final String apiKey = secret();
  private final String githubSecret = secret();
  private final String pagerdutySecret = secret();

  private InProcessPipeline(EvaluationStack stack, Path workDir, ReplaySettings replay)
      throws Exception {
    Map<String, String> values = new HashMap<>(replay.streamsValues());
    // the simulated organisation's CI account is in team platform: configured as a service account,
    // as its
    // operators would (the directory has no service-account marker)
    values.put(DetectorConfig.DUPLICATE_EXCLUDED_TEAMS, Organisation.CI_TEAM);
    values.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    values.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    values.put(StreamsAppConfig.APPLICATION_ID, stack.topicPrefix() + "streams");
    values.put(
        StreamsAppConfig.STATE_DIR,
        Files.createDirectories(workDir.resolve("streams-state")).toString());
    values.put("topics.name.prefix", stack.topicPrefix());
    streamsConfig = StreamsAppConfig.fromMap(values);
    try (Admin admin = Admin.create(kafka(stack))) {
      new TopicProvisioner(admin, streamsConfig.topicSettings(), Duration.ofSeconds(30))
          .provisionAll();
    }
    publishDefaultPrices(stack);
    streams = new StreamsApp(streamsConfig);
    try {
      streams.start();
      awaitRunning();
      ingest = IngestServer.start(IngestConfig.fromMap(ingestValues(stack, workDir)));
    } catch (Exception | Error e) {
      streams.close();
      throw e;
    }
    log.info(
        "Pipeline running under topic prefix {}: ingest on port {}",
        stack.topicPrefix(),
        ingest.port());
  }

  public static InProcessPipeline start(EvaluationStack stack, Path workDir, ReplaySettings replay)
      throws Exception {
    return new InProcessPipeline(stack, workDir, replay);
  }

  public String ingestUrl() {
    return "http://127.0.0.1:" + ingest.port();
  }

  public String apiKey() {
    return apiKey;
  }

  public String githubSecret() {
    return githubSecret;
  }

  public String pagerdutySecret() {
    return pagerdutySecret;
  }

  public StreamsAppConfig streamsConfig() {
    return streamsConfig;
  }

  private Map<String, String> ingestValues(EvaluationStack stack, Path workDir) throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.enabled", "false");
    values.put("ingest.admin.api.keys", "eval=" + apiKey); // the simulation loads the directory too
    values.put("ingest.github.webhook.secret", githubSecret);
    values.put("ingest.pagerduty.webhook.secret", pagerdutySecret);
    values.put(
        "ingest.webhook.replay.tolerance.seconds", "0"); // simulated incidents happened days ago
    values.put(
        "ingest.spool.dir", Files.createDirectories(workDir.resolve("ingest-spool")).toString());
    values.put("kafka.bootstrap.servers", stack.bootstrapServers());
    values.put("schema.registry.url", stack.schemaRegistryUrl());
    values.put("topics.name.prefix", stack.topicPrefix());
    return values;
  }

  private void publishDefaultPrices(EvaluationStack stack) {
    DefaultPricesPublisher.publish(
        stack.bootstrapServers(),
        streamsConfig.topicSettings().name(Topics.MODEL_PRICES),
        streamsConfig.serdeProperties());
  }

  private void awaitRunning() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException(
            "the streams job did not reach RUNNING: " + streams.state());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  static Map<String, Object> kafka(EvaluationStack stack) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    return config;
  }

  private static String secret() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public void close() throws Exception {
    try {
      ingest.close();
    } finally {
      streams.close();
    }
  }
}
