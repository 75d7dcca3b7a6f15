package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import io.tokenlens.schemas.topics.TopicSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The alert notifier's configuration: defaults in code, overridden by a properties file, then by
 * environment variables, as for the streams job. {@code kafka.*} keys pass through to its consumer,
 * {@code schema.registry.*} keys to the Avro deserializer. Every invalid value is reported at once.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry URL(s)
 * @param groupId consumer group: where the notifier's committed offsets (and recently sent alerts)
 *     live
 * @param topicSettings topic name prefix
 * @param webhookUrl the outgoing webhook; null when none is configured
 * @param requestTimeout timeout of one webhook request
 * @param initialBackoff wait before the first retry of a failed delivery
 * @param maxBackoff longest wait between retries
 * @param format the body's format: {@code slack} (Block Kit) or {@code json} (generic)
 * @param findings whether waste findings are notified as well as alerts
 * @param findingMinUsd the least estimated wasted cost of a finding worth a notification
 * @param findingGrowth by what factor a notified finding's cost must grow to be notified again
 * @param rateLimit notifications per subject (engineer, team, repository) and rate period; 0 for no
 *     limit
 * @param ratePeriod the period of the rate limit
 * @param healthHost address the notifier's {@code /health} and {@code /metrics} bind to
 * @param healthPort their port; {@code 0} any free port, {@code -1} no server
 * @param kafkaOverrides {@code kafka.*} keys without the prefix
 * @param serdeConfig {@code schema.registry.*} keys as given
 */
public record NotifierConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String groupId,
    TopicSettings topicSettings,
    URI webhookUrl,
    Duration requestTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Format format,
    boolean findings,
    double findingMinUsd,
    double findingGrowth,
    int rateLimit,
    Duration ratePeriod,
    String healthHost,
    int healthPort,
    Map<String, String> kafkaOverrides,
    Map<String, String> serdeConfig) {

  /** The webhook body's format. */
  public enum Format {
    /** Slack-compatible: {@code text} and Block Kit {@code blocks}. */
    SLACK,
    /** Generic JSON: the notification's fields as they are. */
    JSON
  }

  public static final String WEBHOOK_URL = "notifier.webhook.url";
  public static final String GROUP_ID = "notifier.group.id";
  public static final String REQUEST_TIMEOUT_MS = "notifier.request.timeout.ms";
  public static final String INITIAL_BACKOFF_MS = "notifier.retry.initial.backoff.ms";
  public static final String MAX_BACKOFF_MS = "notifier.retry.max.backoff.ms";
  public static final String FORMAT = "notifier.webhook.format";
  public static final String FINDINGS = "notifier.findings.enabled";
  public static final String FINDING_MIN_USD = "notifier.findings.min.usd";
  public static final String FINDING_GROWTH = "notifier.findings.renotify.growth";
  public static final String RATE_LIMIT = "notifier.rate.limit.per.subject";
  public static final String RATE_PERIOD_MS = "notifier.rate.limit.period.ms";
  public static final String HEALTH_HOST = "notifier.health.host";
  public static final String HEALTH_PORT = "notifier.health.port";

  /** Environment variable naming a properties file read before the environment. */
  public static final String CONFIG_FILE_ENV = "TOKENLENS_NOTIFIER_CONFIG";

  private static final Set<String> OWNED_KAFKA_KEYS =
      Set.of(
          ConsumerConfig.GROUP_ID_CONFIG,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

  public NotifierConfig {
    kafkaOverrides = Map.copyOf(kafkaOverrides);
    serdeConfig = Map.copyOf(serdeConfig);
  }

  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(GROUP_ID, "tokenlens-alert-notifier");
    d.put(REQUEST_TIMEOUT_MS, "10000");
    d.put(INITIAL_BACKOFF_MS, "500");
    d.put(MAX_BACKOFF_MS, "60000");
    d.put(FORMAT, "slack");
    d.put(FINDINGS, "true");
    d.put(FINDING_MIN_USD, "1.0");
    d.put(FINDING_GROWTH, "2.0");
    d.put(RATE_LIMIT, "10");
    d.put(RATE_PERIOD_MS, "3600000");
    d.put(HEALTH_HOST, "127.0.0.1");
    d.put(HEALTH_PORT, "9466");
    d.put("kafka." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return d;
  }

  static Set<String> knownKeys() {
    Set<String> keys = new LinkedHashSet<>(defaults().keySet());
    keys.addAll(
        List.of(
            StreamsAppConfig.BOOTSTRAP_SERVERS,
            StreamsAppConfig.SCHEMA_REGISTRY_URL,
            WEBHOOK_URL,
            TopicSettings.NAME_PREFIX));
    return keys;
  }

  /** Defaults, then the file named by {@value #CONFIG_FILE_ENV} (if any), then the environment. */
  public static NotifierConfig load(Map<String, String> env) {
    return fromMap(ConfigLayers.layer(defaults(), knownKeys(), CONFIG_FILE_ENV, env));
  }

  public static NotifierConfig fromMap(Map<String, String> raw) {
    Map<String, String> values = new LinkedHashMap<>(defaults());
    values.putAll(raw);
    ConfigReader reader = new ConfigReader(values);
    String bootstrap = reader.required(StreamsAppConfig.BOOTSTRAP_SERVERS);
    String registry = reader.required(StreamsAppConfig.SCHEMA_REGISTRY_URL);
    String groupId = reader.required(GROUP_ID);
    URI webhook = webhook(reader, reader.string(WEBHOOK_URL));
    Duration timeout = reader.millisAtLeast(REQUEST_TIMEOUT_MS, 100);
    Duration initial = reader.millisAtLeast(INITIAL_BACKOFF_MS, 1);
    Duration max = reader.millisAtLeast(MAX_BACKOFF_MS, 1);
    reader.requireAtLeast(MAX_BACKOFF_MS, max, INITIAL_BACKOFF_MS, initial);
    Format format = reader.choice(FORMAT, Format.class, Format.SLACK);
    boolean findings = reader.bool(FINDINGS);
    double minUsd = reader.doubleAtLeast(FINDING_MIN_USD, 0);
    double growth = reader.doubleAtLeast(FINDING_GROWTH, 1.01);
    int rateLimit = reader.intAtLeast(RATE_LIMIT, 0);
    Duration ratePeriod = reader.millisAtLeast(RATE_PERIOD_MS, 1000);
    String healthHost = reader.required(HEALTH_HOST);
    int healthPort = reader.intAtLeast(HEALTH_PORT, -1);
    if (healthPort > 65_535) {
      reader.error(HEALTH_PORT + " must be at most 65535 but is " + healthPort);
    }
    String prefix = values.getOrDefault(TopicSettings.NAME_PREFIX, "");
    Map<String, String> kafka = reader.withPrefix("kafka.");
    kafka.remove("bootstrap.servers");
    kafka.keySet().stream()
        .filter(OWNED_KAFKA_KEYS::contains)
        .forEach(
            key ->
                reader.error(
                    "kafka."
                        + key
                        + " cannot be set: the notifier owns it (set "
                        + GROUP_ID
                        + " for the group)"));
    Map<String, String> serde = StreamsAppConfig.serdeKeys(values);
    reader.throwIfInvalid("notifier");
    return new NotifierConfig(
        bootstrap,
        registry,
        groupId,
        TopicSettings.local().withNamePrefix(prefix.trim()),
        webhook,
        timeout,
        initial,
        max,
        format,
        findings,
        minUsd,
        growth,
        rateLimit,
        ratePeriod,
        healthHost,
        healthPort,
        kafka,
        serde);
  }

  private static URI webhook(ConfigReader reader, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        reader.error(WEBHOOK_URL + " must be an http or https URL");
        return null;
      }
      return uri;
    } catch (IllegalArgumentException e) {
      reader.error(WEBHOOK_URL + " is not a valid URL: " + e.getMessage());
      return null;
    }
  }

  /** The Avro deserializer's configuration. */
  public Map<String, Object> serdeProperties() {
    Map<String, Object> m = new LinkedHashMap<>(serdeConfig);
    m.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    return m;
  }

  /**
   * The consumer's configuration: {@code read_committed}, manual commits, then the {@code kafka.*}
   * overrides.
   */
  public Map<String, Object> consumerProperties() {
    Map<String, Object> p = new LinkedHashMap<>(kafkaOverrides);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }
}
