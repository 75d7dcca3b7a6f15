package io.tokenlens.ingest.config;

import io.tokenlens.ingest.otlp.AgentSpanUsage;
import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import io.tokenlens.schemas.topics.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ingest service's configuration: defaults in code, overridden by a properties file, then by
 * environment variables ({@code TOKENLENS_INGEST_HTTP_PORT} sets {@code ingest.http.port}). Keys
 * {@code kafka.*} pass through to the Kafka producer and admin client without the prefix; {@code
 * schema.registry.*}, {@code basic.auth.*}, {@code bearer.auth.*} and {@code auto.register.schemas}
 * go to the serdes; {@code topics.*} to the topic settings.
 *
 * @param http the HTTP server
 * @param grpc the OTLP/gRPC server
 * @param auth the API keys
 * @param requests how requests are accepted and published
 * @param webhooks the webhook endpoints
 * @param spool the durable webhook spool
 * @param agentSpanUsage whether {@code gen_ai.usage.*} on GenAI agent spans counts ({@link
 *     AgentSpanUsage})
 * @param kafka client settings, without the {@code kafka.} prefix
 * @param serdes serde settings (registry URL and credentials)
 * @param topics topic names and sizing
 * @param limits what one client may ask at once
 */
public record IngestConfig(
    Http http,
    Grpc grpc,
    Auth auth,
    Requests requests,
    Webhooks webhooks,
    Spool spool,
    AgentSpanUsage agentSpanUsage,
    Map<String, Object> kafka,
    Map<String, Object> serdes,
    TopicSettings topics,
    ClientLimits limits) {

  /**
   * The HTTP server.
   *
   * @param host address it binds
   * @param port its port; 0 picks a free one
   */
  public record Http(String host, int port) {}

  /**
   * The OTLP/gRPC server.
   *
   * @param enabled whether OTLP/gRPC is served
   * @param host address it binds
   * @param port its port; 0 picks a free one
   */
  public record Grpc(boolean enabled, String host, int port) {}

  /**
   * Who may send.
   *
   * @param apiKeys collector API keys, id to secret; a request authenticates with {@code
   *     Authorization: Bearer <secret>}
   * @param adminApiKeys admin API keys, id to secret: accepted everywhere a telemetry key is, and
   *     alone accepted by the directory and price endpoints
   * @param required false only for local experiments: then requests without a key are accepted
   */
  public record Auth(
      Map<String, String> apiKeys, Map<String, String> adminApiKeys, boolean required) {
    public Auth {
      apiKeys = Collections.unmodifiableMap(new LinkedHashMap<>(apiKeys));
      adminApiKeys = Collections.unmodifiableMap(new LinkedHashMap<>(adminApiKeys));
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
      return "apiKeys="
          + apiKeys.keySet()
          + ", adminApiKeys="
          + adminApiKeys.keySet()
          + ", authRequired="
          + required;
    }
  }

  /**
   * How requests are accepted and published.
   *
   * @param maxBodyBytes largest accepted request body (HTTP and gRPC), after gzip decompression
   * @param publishTimeout how long a request waits for Kafka's acknowledgement before answering 503
   * @param bufferMaxRecords records that may wait for Kafka at once; beyond, requests are answered
   *     503
   * @param retryAfter the {@code Retry-After} sent with a 503
   * @param readyTimeout how long {@code /readyz} waits for Kafka and the registry
   * @param deadLetterMaxPayloadBytes largest payload of an OTLP dead letter; larger ones are
   *     dead-lettered without it
   */
  public record Requests(
      long maxBodyBytes,
      Duration publishTimeout,
      int bufferMaxRecords,
      Duration retryAfter,
      Duration readyTimeout,
      long deadLetterMaxPayloadBytes) {}

  /**
   * The webhook endpoints: each is served only when its secret or token is set.
   *
   * @param githubSecret secret of the GitHub webhook; empty serves no {@code /webhooks/github}
   * @param pagerDutySecret secret of the PagerDuty v3 webhook subscription; empty serves no {@code
   *     /webhooks/pagerduty}
   * @param gitlabSecret secret token of the GitLab webhook ({@code X-Gitlab-Token}); empty serves
   *     no {@code /webhooks/gitlab}
   * @param opsgenieToken bearer token the Opsgenie webhook integration sends; empty serves no
   *     {@code /webhooks/opsgenie}
   * @param maxBodyBytes largest accepted webhook body, after gzip decompression
   * @param dedupDeliveries GitHub and GitLab delivery ids remembered (each) to answer a repeated
   *     delivery without spooling it again
   * @param replayTolerance how far a signed delivery time (PagerDuty) may be from now; zero: any
   */
  public record Webhooks(
      String githubSecret,
      String pagerDutySecret,
      String gitlabSecret,
      String opsgenieToken,
      long maxBodyBytes,
      int dedupDeliveries,
      Duration replayTolerance) {

    /** Whether any webhook is served, and so the spool is needed. */
    public boolean enabled() {
      return !githubSecret.isEmpty()
          || !pagerDutySecret.isEmpty()
          || !gitlabSecret.isEmpty()
          || !opsgenieToken.isEmpty();
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
      return "githubWebhook="
          + onOff(githubSecret)
          + ", pagerDutyWebhook="
          + onOff(pagerDutySecret)
          + ", gitlabWebhook="
          + onOff(gitlabSecret)
          + ", opsgenieWebhook="
          + onOff(opsgenieToken);
    }

    private static String onOff(String secret) {
      return secret.isEmpty() ? "off" : "on";
    }
  }

  /**
   * The durable webhook spool.
   *
   * @param dir its directory
   * @param maxBytes unforwarded webhook bytes it holds at most; beyond, webhooks are answered 503
   * @param maxRefusals times Kafka may refuse a spooled entry with a non-retriable error before its
   *     refused records go to their dead-letter topic and the spool goes on with the next entry
   */
  public record Spool(Path dir, long maxBytes, int maxRefusals) {}

  /**
   * What one client may ask of the collectors at once, and how often the readiness probe reaches
   * Kafka.
   *
   * @param maxRequestsPerSecond HTTP requests per second per client address; beyond, 429 with
   *     Retry-After
   * @param maxConcurrentRequests HTTP requests of one client address served at once; the rest wait
   * @param grpcMaxQueuedCalls gRPC calls waiting for a thread; beyond, the call is refused
   * @param readyCache how long a {@code /readyz} answer is reused before Kafka and the registry are
   *     asked again
   */
  public record ClientLimits(
      int maxRequestsPerSecond,
      int maxConcurrentRequests,
      int grpcMaxQueuedCalls,
      Duration readyCache) {}

  public static final String CLIENT_MAX_REQUESTS_PER_SECOND =
      "ingest.client.max.requests.per.second";
  public static final String CLIENT_MAX_CONCURRENT_REQUESTS =
      "ingest.client.max.concurrent.requests";
  public static final String GRPC_MAX_QUEUED_CALLS = "ingest.grpc.max.queued.calls";
  public static final String READY_CACHE_MS = "ingest.ready.cache.ms";

  public static final String HTTP_HOST = "ingest.http.host";
  public static final String HTTP_PORT = "ingest.http.port";
  public static final String GRPC_ENABLED = "ingest.grpc.enabled";
  public static final String GRPC_HOST = "ingest.grpc.host";
  public static final String GRPC_PORT = "ingest.grpc.port";
  public static final String MAX_BODY_BYTES = "ingest.max.body.bytes";
  public static final String API_KEYS = "ingest.api.keys";
  public static final String ADMIN_API_KEYS = "ingest.admin.api.keys";
  public static final String AUTH_REQUIRED = "ingest.auth.required";
  public static final String PUBLISH_TIMEOUT_MS = "ingest.publish.timeout.ms";
  public static final String BUFFER_MAX_RECORDS = "ingest.buffer.max.records";
  public static final String RETRY_AFTER_SECONDS = "ingest.retry.after.seconds";
  public static final String READY_TIMEOUT_MS = "ingest.ready.timeout.ms";
  public static final String GITHUB_WEBHOOK_SECRET = "ingest.github.webhook.secret";
  public static final String PAGERDUTY_WEBHOOK_SECRET = "ingest.pagerduty.webhook.secret";
  public static final String GITLAB_WEBHOOK_SECRET = "ingest.gitlab.webhook.secret";
  public static final String OPSGENIE_WEBHOOK_TOKEN = "ingest.opsgenie.webhook.token";
  public static final String WEBHOOK_MAX_BODY_BYTES = "ingest.webhook.max.body.bytes";
  public static final String DEAD_LETTER_MAX_PAYLOAD_BYTES = "ingest.dead.letter.max.payload.bytes";
  public static final String WEBHOOK_DEDUP_DELIVERIES = "ingest.webhook.dedup.deliveries";
  public static final String WEBHOOK_REPLAY_TOLERANCE_SECONDS =
      "ingest.webhook.replay.tolerance.seconds";
  public static final String SPOOL_DIR = "ingest.spool.dir";
  public static final String SPOOL_MAX_BYTES = "ingest.spool.max.bytes";
  public static final String SPOOL_MAX_REFUSALS = "ingest.spool.max.refusals";
  public static final String GENAI_AGENT_SPAN_USAGE = "ingest.otel.genai.agent.span.usage";
  public static final String KAFKA_PREFIX = "kafka.";

  /** Environment variable naming the properties file (the command line's {@code --config} wins). */
  public static final String CONFIG_FILE_ENV = "TOKENLENS_INGEST_CONFIG";

  /** Defaults in code; every key the service knows, apart from the pass-through prefixes. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static final Set<String> SERDE_KEYS =
      Set.of(
          "schema.registry.url",
          "auto.register.schemas",
          "use.latest.version",
          "basic.auth.credentials.source",
          "basic.auth.user.info",
          "bearer.auth.credentials.source",
          "bearer.auth.token",
          "max.retries",
          "retries.wait.ms",
          "retries.max.wait.ms",
          "http.connect.timeout.ms",
          "http.read.timeout.ms",
          "latest.cache.ttl.sec");

  public IngestConfig {
    kafka = Collections.unmodifiableMap(new TreeMap<>(kafka));
    serdes = Collections.unmodifiableMap(new TreeMap<>(serdes));
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(HTTP_HOST, "127.0.0.1");
    d.put(HTTP_PORT, "4318");
    d.put(GRPC_ENABLED, "true");
    d.put(GRPC_HOST, "127.0.0.1");
    d.put(GRPC_PORT, "4317");
    d.put(MAX_BODY_BYTES, String.valueOf(8L * 1024 * 1024));
    d.put(API_KEYS, "");
    d.put(ADMIN_API_KEYS, "");
    d.put(AUTH_REQUIRED, "true");
    d.put(PUBLISH_TIMEOUT_MS, "5000");
    d.put(BUFFER_MAX_RECORDS, "100000");
    d.put(RETRY_AFTER_SECONDS, "5");
    d.put(READY_TIMEOUT_MS, "2000");
    d.put(CLIENT_MAX_REQUESTS_PER_SECOND, "2000");
    d.put(CLIENT_MAX_CONCURRENT_REQUESTS, "64");
    d.put(GRPC_MAX_QUEUED_CALLS, "1000");
    d.put(READY_CACHE_MS, "1000");
    d.put(GITHUB_WEBHOOK_SECRET, "");
    d.put(PAGERDUTY_WEBHOOK_SECRET, "");
    d.put(GITLAB_WEBHOOK_SECRET, "");
    d.put(OPSGENIE_WEBHOOK_TOKEN, "");
    d.put(WEBHOOK_MAX_BODY_BYTES, String.valueOf(1024L * 1024));
    d.put(DEAD_LETTER_MAX_PAYLOAD_BYTES, "1000000");
    d.put(WEBHOOK_DEDUP_DELIVERIES, "10000");
    d.put(WEBHOOK_REPLAY_TOLERANCE_SECONDS, "300");
    d.put(SPOOL_DIR, "ingest-spool");
    d.put(SPOOL_MAX_BYTES, String.valueOf(256L * 1024 * 1024));
    d.put(SPOOL_MAX_REFUSALS, "5");
    d.put(GENAI_AGENT_SPAN_USAGE, "skip");
    return Collections.unmodifiableMap(d);
  }

  /**
   * Defaults, then the file ({@code file}, else the one {@value #CONFIG_FILE_ENV} names, if any),
   * then the environment ({@link ConfigLayers}).
   */
  public static IngestConfig load(Optional<Path> file, Map<String, String> env) {
    Path configFile = file.orElseGet(() -> ConfigLayers.file(CONFIG_FILE_ENV, env));
    return fromMap(ConfigLayers.layer(DEFAULTS, environmentKeys(), configFile, env));
  }

  /**
   * The keys the environment may set besides the {@code kafka.*} and {@code schema.registry.*}
   * families.
   */
  private static Set<String> environmentKeys() {
    Set<String> keys = new LinkedHashSet<>(DEFAULTS.keySet());
    keys.addAll(SERDE_KEYS);
    keys.addAll(
        List.of(
            TopicSettings.NAME_PREFIX,
            TopicSettings.STREAM_PARTITIONS,
            TopicSettings.REPLICATION_FACTOR,
            TopicSettings.MIN_INSYNC_REPLICAS));
    return keys;
  }

  private static boolean isKnownKey(String key) {
    return DEFAULTS.containsKey(key)
        || key.startsWith(KAFKA_PREFIX)
        || SERDE_KEYS.contains(key)
        || key.startsWith("schema.registry.")
        || key.startsWith("topics.");
  }

  /** Builds and validates; every problem is reported in one {@link IllegalArgumentException}. */
  public static IngestConfig fromMap(Map<String, String> given) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    values.putAll(given);
    ConfigReader reader = new ConfigReader(values);
    List<String> errors = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!isKnownKey(key)) {
        errors.add(key + ": unknown key");
      }
    }
    String host = reader.required(HTTP_HOST);
    int port = reader.intBetween(HTTP_PORT, 0, 65535);
    boolean grpcEnabled = reader.bool(GRPC_ENABLED);
    String grpcHost = reader.required(GRPC_HOST);
    int grpcPort = reader.intBetween(GRPC_PORT, 0, 65535);
    if (grpcEnabled && grpcPort != 0 && grpcPort == port && host != null && host.equals(grpcHost)) {
      errors.add(
          GRPC_PORT + ": " + grpcPort + " is also " + HTTP_PORT + "; give OTLP/gRPC its own port");
    }
    long maxBody = reader.longBetween(MAX_BODY_BYTES, 1, Integer.MAX_VALUE);
    boolean authRequired = reader.bool(AUTH_REQUIRED);
    Map<String, String> keys = apiKeys(API_KEYS, values.get(API_KEYS), errors);
    Map<String, String> adminKeys = apiKeys(ADMIN_API_KEYS, values.get(ADMIN_API_KEYS), errors);
    adminKeys.keySet().stream()
        .filter(keys::containsKey)
        .forEach(
            id ->
                errors.add(
                    ADMIN_API_KEYS
                        + ": key id '"
                        + id
                        + "' is also in "
                        + API_KEYS
                        + "; give each key one id"));
    if (authRequired && keys.isEmpty() && adminKeys.isEmpty()) {
      errors.add(
          API_KEYS
              + ": no API key configured; set id=secret pairs (comma-separated) or "
              + AUTH_REQUIRED
              + "=false for local experiments");
    }
    Duration publishTimeout = reader.millisBetween(PUBLISH_TIMEOUT_MS, 1, 600_000);
    int buffer = reader.intBetween(BUFFER_MAX_RECORDS, 1, 100_000_000);
    Duration retryAfter = reader.secondsBetween(RETRY_AFTER_SECONDS, 1, 3600);
    Duration readyTimeout = reader.millisBetween(READY_TIMEOUT_MS, 1, 600_000);
    ClientLimits limits =
        new ClientLimits(
            reader.intBetween(CLIENT_MAX_REQUESTS_PER_SECOND, 1, 1_000_000),
            reader.intBetween(CLIENT_MAX_CONCURRENT_REQUESTS, 1, 10_000),
            reader.intBetween(GRPC_MAX_QUEUED_CALLS, 1, 1_000_000),
            reader.millisBetween(READY_CACHE_MS, 0, 60_000));
    String githubSecret = webhookSecret(values, GITHUB_WEBHOOK_SECRET, errors);
    String pagerDutySecret = webhookSecret(values, PAGERDUTY_WEBHOOK_SECRET, errors);
    String gitlabSecret = webhookSecret(values, GITLAB_WEBHOOK_SECRET, errors);
    String opsgenieToken = webhookSecret(values, OPSGENIE_WEBHOOK_TOKEN, errors);
    long webhookMaxBody = reader.longBetween(WEBHOOK_MAX_BODY_BYTES, 1024, Integer.MAX_VALUE);
    long deadLetterMaxPayload =
        reader.longBetween(DEAD_LETTER_MAX_PAYLOAD_BYTES, 0, Integer.MAX_VALUE);
    int webhookDedup = reader.intBetween(WEBHOOK_DEDUP_DELIVERIES, 1, 10_000_000);
    Duration replayTolerance =
        reader.secondsBetween(WEBHOOK_REPLAY_TOLERANCE_SECONDS, 0, 365L * 24 * 3600);
    String spoolDir = reader.required(SPOOL_DIR);
    long spoolMax = reader.longAtLeast(SPOOL_MAX_BYTES, 1024 * 1024);
    int spoolMaxRefusals = reader.intBetween(SPOOL_MAX_REFUSALS, 1, 1000);
    AgentSpanUsage agentSpanUsage =
        reader.choice(GENAI_AGENT_SPAN_USAGE, AgentSpanUsage.class, AgentSpanUsage.SKIP);
    reader.required(KAFKA_PREFIX + "bootstrap.servers");
    reader.required("schema.registry.url");

    Map<String, Object> kafka = new TreeMap<>(reader.withPrefix(KAFKA_PREFIX));
    Map<String, Object> serdes = new TreeMap<>();
    Map<String, Object> topics = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (SERDE_KEYS.contains(k) || k.startsWith("schema.registry.")) {
            serdes.put(k, v);
          } else if (k.startsWith("topics.")) {
            topics.put(k, v);
          }
        });
    for (String fixed :
        List.of("acks", "enable.idempotence", "key.serializer", "value.serializer")) {
      if (kafka.containsKey(fixed)) {
        errors.add(
            "kafka."
                + fixed
                + ": set by the service (idempotent, acks=all, string keys, Avro values); "
                + "remove it");
      }
    }
    TopicSettings topicSettings = null;
    try {
      topicSettings = TopicSettings.fromConfig(topics);
    } catch (RuntimeException e) {
      errors.add("topics: " + e.getMessage());
    }
    errors.forEach(reader::error);
    reader.throwIfInvalid("ingest");
    return new IngestConfig(
        new Http(host, port),
        new Grpc(grpcEnabled, grpcHost, grpcPort),
        new Auth(keys, adminKeys, authRequired),
        new Requests(
            maxBody, publishTimeout, buffer, retryAfter, readyTimeout, deadLetterMaxPayload),
        new Webhooks(
            githubSecret,
            pagerDutySecret,
            gitlabSecret,
            opsgenieToken,
            webhookMaxBody,
            webhookDedup,
            replayTolerance),
        new Spool(Path.of(spoolDir), spoolMax, spoolMaxRefusals),
        agentSpanUsage,
        kafka,
        serdes,
        topicSettings,
        limits);
  }

  /** A webhook secret or token: empty (that webhook is off) or at least 16 characters. */
  private static String webhookSecret(Map<String, String> values, String key, List<String> errors) {
    String secret = values.get(key).trim();
    if (!secret.isEmpty() && secret.length() < 16) {
      errors.add(key + ": shorter than 16 characters");
    }
    return secret;
  }

  private static Map<String, String> apiKeys(String configKey, String raw, List<String> errors) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (raw == null || raw.isBlank()) {
      return keys;
    }
    int index = 0;
    for (String pair : raw.split(",")) {
      index++;
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        errors.add(configKey + ": entry " + index + " is not id=secret");
        continue;
      }
      String id = pair.substring(0, eq).trim();
      String secret = pair.substring(eq + 1).trim();
      if (secret.length() < 16) {
        errors.add(configKey + ": the secret of key '" + id + "' is shorter than 16 characters");
      }
      if (keys.put(id, secret) != null) {
        errors.add(configKey + ": key id '" + id + "' appears twice");
      }
    }
    return keys;
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    return "IngestConfig[http="
        + http.host()
        + ":"
        + http.port()
        + ", grpc="
        + (grpc.enabled() ? grpc.host() + ":" + grpc.port() : "off")
        + ", "
        + requests
        + ", "
        + auth
        + ", "
        + webhooks
        + ", spoolDir="
        + spool.dir()
        + ", kafka.bootstrap.servers="
        + kafka.get("bootstrap.servers")
        + ", topics="
        + topics
        + "]";
  }
}
