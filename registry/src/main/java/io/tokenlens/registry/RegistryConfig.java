package io.tokenlens.registry;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's settings: defaults in code, then environment variables, then command-line flags
 * (flags win). Every invalid setting is reported at once.
 *
 * <pre>
 * flag                 environment variable                   default
 * --host               TOKENLENS_SCHEMA_REGISTRY_HOST         127.0.0.1 (loopback addresses only)
 * --port               TOKENLENS_SCHEMA_REGISTRY_PORT         8081 (0: any free port)
 * --bootstrap-servers  TOKENLENS_KAFKA_BOOTSTRAP_SERVERS      127.0.0.1:9092
 * --topic              TOKENLENS_SCHEMA_REGISTRY_TOPIC        _schemas
 * --basic-auth         TOKENLENS_SCHEMA_REGISTRY_BASIC_AUTH   none (user:password turns it on)
 * --admin-basic-auth   TOKENLENS_SCHEMA_REGISTRY_ADMIN_BASIC_AUTH
 *                                                             none: permanent deletes are refused
 * --advertised-url     -                                      http://host:port
 * --max-request-bytes  -                                      1048576
 * --http-threads       -                                      8
 * --init-timeout-ms    -                                      60000
 * --write-timeout-ms   -                                      30000
 * --kafka key=value    -                                      passed to every Kafka client
 * </pre>
 */
public record RegistryConfig(
    String host,
    int port,
    String bootstrapServers,
    String topic,
    Optional<String> basicAuth,
    Optional<String> adminBasicAuth,
    Optional<String> advertisedUrl,
    int maxRequestBytes,
    int httpThreads,
    Duration initTimeout,
    Duration writeTimeout,
    Map<String, String> kafkaProperties) {

  /**
   * The keys the environment may set ({@link ConfigLayers#envName}: {@code
   * TOKENLENS_SCHEMA_REGISTRY_PORT}, ...).
   */
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "schema.registry.host", "host",
          "schema.registry.port", "port",
          "kafka.bootstrap.servers", "bootstrap-servers",
          "schema.registry.topic", "topic",
          "schema.registry.basic.auth", "basic-auth",
          "schema.registry.admin.basic.auth", "admin-basic-auth");

  /** The flags; their defaults are in {@link #parse}, after the environment's. */
  public static final CommandLine COMMAND_LINE =
      CommandLine.command("SchemaRegistryMain [options]")
          .option("host", "HOST", "a loopback address to bind (default 127.0.0.1)")
          .option("port", "PORT", "0: any free port (default 8081)")
          .option("bootstrap-servers", "SERVERS", "Kafka (default 127.0.0.1:9092)")
          .option("topic", "TOPIC", "the schemas topic (default _schemas)")
          .option("basic-auth", "USER:PASSWORD", "turns basic authentication on (default none)")
          .option(
              "admin-basic-auth",
              "USER:PASSWORD",
              "the operators' credentials (default none: permanent deletes are refused)")
          .option("advertised-url", "URL", "the registry's own URL (default http://host:port)")
          .option("max-request-bytes", "N", "largest request body (default 1048576)")
          .option("http-threads", "N", "HTTP worker threads (default 8)")
          .option("init-timeout-ms", "MS", "wait for the schemas topic at start (default 60000)")
          .option("write-timeout-ms", "MS", "wait for a schema write (default 30000)")
          .repeatable("kafka", "KEY=VALUE", "passed to every Kafka client; may repeat")
          .footer(
              """
              environment: TOKENLENS_SCHEMA_REGISTRY_HOST, TOKENLENS_SCHEMA_REGISTRY_PORT, TOKENLENS_KAFKA_BOOTSTRAP_SERVERS,
                           TOKENLENS_SCHEMA_REGISTRY_TOPIC, TOKENLENS_SCHEMA_REGISTRY_BASIC_AUTH,
                           TOKENLENS_SCHEMA_REGISTRY_ADMIN_BASIC_AUTH (flags win)""");

  /** The usage text. */
  public static final String USAGE = COMMAND_LINE.usage();

  public RegistryConfig {
    basicAuth = basicAuth == null ? Optional.empty() : basicAuth;
    adminBasicAuth = adminBasicAuth == null ? Optional.empty() : adminBasicAuth;
    advertisedUrl = advertisedUrl == null ? Optional.empty() : advertisedUrl;
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  /** The settings were invalid; the message lists every problem, one per line. */
  public static final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidConfigException(List<String> problems) {
      super("invalid schema registry settings:\n  " + String.join("\n  ", problems) + "\n" + USAGE);
    }
  }

  /** Whether {@code args} ask for the usage text. */
  public static boolean wantsHelp(String[] args) {
    return COMMAND_LINE.parse(args).help();
  }

  /**
   * The settings named by {@code args} and {@code env}.
   *
   * @throws InvalidConfigException listing every invalid setting
   */
  public static RegistryConfig parse(String[] args, Map<String, String> env) {
    Arguments flags = COMMAND_LINE.parse(args);
    List<String> problems = new ArrayList<>(flags.errors());
    Map<String, String> values = new LinkedHashMap<>();
    ConfigLayers.fromEnvironment(ENVIRONMENT.keySet(), env)
        .forEach(
            (key, value) -> {
              if (ENVIRONMENT.containsKey(key) && !value.isBlank()) {
                values.put("--" + ENVIRONMENT.get(key), value);
              }
            });
    COMMAND_LINE.optionNames().stream()
        .filter(name -> !name.equals("kafka") && flags.given(name))
        .forEach(name -> values.put("--" + name, flags.optional(name).orElse("")));
    Map<String, String> kafka = new LinkedHashMap<>();
    for (String value : flags.all("kafka")) {
      int split = value.indexOf('=');
      if (split <= 0) {
        problems.add("--kafka needs key=value, got '" + value + "'");
      } else {
        kafka.put(value.substring(0, split), value.substring(split + 1));
      }
    }
    ConfigReader reader = new ConfigReader(values);

    String host = values.getOrDefault("--host", "127.0.0.1");
    if (!isLoopback(host)) {
      problems.add(
          "--host "
              + host
              + " is not a loopback address: this registry has no TLS and is"
              + " meant for the local stack and tests, so it binds loopback addresses only");
    }
    int port = integer(reader, "port", 8081, 0, 65535);
    String bootstrap = values.getOrDefault("--bootstrap-servers", "127.0.0.1:9092");
    if (bootstrap.isBlank()) {
      problems.add("--bootstrap-servers must not be empty");
    }
    String topic = values.getOrDefault("--topic", "_schemas");
    if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
      problems.add("--topic '" + topic + "' is not a valid Kafka topic name");
    }
    Optional<String> basicAuth = Optional.ofNullable(values.get("--basic-auth"));
    if (basicAuth.isPresent() && basicAuth.get().indexOf(':') <= 0) {
      problems.add("--basic-auth needs user:password");
    }
    Optional<String> adminBasicAuth = Optional.ofNullable(values.get("--admin-basic-auth"));
    if (adminBasicAuth.isPresent() && adminBasicAuth.get().indexOf(':') <= 0) {
      problems.add("--admin-basic-auth needs user:password");
    } else if (adminBasicAuth.isPresent() && adminBasicAuth.equals(basicAuth)) {
      problems.add(
          "--admin-basic-auth must differ from --basic-auth: every client holds the ordinary"
              + " credentials, only operators may hold the admin ones");
    }
    Optional<String> advertised = Optional.ofNullable(values.get("--advertised-url"));
    if (advertised.isPresent() && !advertised.get().matches("https?://.+")) {
      problems.add("--advertised-url must be an http:// or https:// URL");
    }
    int maxRequestBytes = integer(reader, "max-request-bytes", 1 << 20, 1024, Integer.MAX_VALUE);
    int httpThreads = integer(reader, "http-threads", 8, 1, 256);
    int initTimeout = integer(reader, "init-timeout-ms", 60_000, 1, Integer.MAX_VALUE);
    int writeTimeout = integer(reader, "write-timeout-ms", 30_000, 1, Integer.MAX_VALUE);
    problems.addAll(reader.errors());
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new RegistryConfig(
        host,
        port,
        bootstrap,
        topic,
        basicAuth,
        adminBasicAuth,
        advertised,
        maxRequestBytes,
        httpThreads,
        Duration.ofMillis(initTimeout),
        Duration.ofMillis(writeTimeout),
        kafka);
  }

  /** The settings, with the basic-auth passwords masked. */
  @Override
  public String toString() {
    return "RegistryConfig[host="
        + host
        + ", port="
        + port
        + ", bootstrapServers="
        + bootstrapServers
        + ", topic="
        + topic
        + ", basicAuth="
        + masked(basicAuth)
        + ", adminBasicAuth="
        + masked(adminBasicAuth)
        + ", advertisedUrl="
        + advertisedUrl.orElse("-")
        + ", maxRequestBytes="
        + maxRequestBytes
        + ", httpThreads="
        + httpThreads
        + ", initTimeout="
        + initTimeout
        + ", writeTimeout="
        + writeTimeout
        + ", kafkaProperties="
        + kafkaProperties.keySet()
        + "]";
  }

  private static String masked(Optional<String> userAndPassword) {
    return userAndPassword.map(a -> a.substring(0, a.indexOf(':')) + ":****").orElse("off");
  }

  /** The consumer group whose single partition assignment is the writer lease. */
  public String writerGroupId() {
    return "tokenlens-schema-registry-writer." + topic;
  }

  /** The transactional id that fences an earlier writer of the same topic. */
  public String transactionalId() {
    return "tokenlens-schema-registry-writer." + topic;
  }

  /** The integer of {@code --flag}, or {@code fallback} when it is not given. */
  private static int integer(ConfigReader reader, String flag, int fallback, int min, int max) {
    return reader.has("--" + flag) ? reader.intBetween("--" + flag, min, max) : fallback;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
