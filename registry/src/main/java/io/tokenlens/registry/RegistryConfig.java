package io.tokenlens.registry;

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

  private static final List<String> FLAGS =
      List.of(
          "host",
          "port",
          "bootstrap-servers",
          "topic",
          "basic-auth",
          "admin-basic-auth",
          "advertised-url",
          "max-request-bytes",
          "http-threads",
          "init-timeout-ms",
          "write-timeout-ms",
          "kafka");

  public static final String USAGE =
      String.join(
          "\n",
          "usage: SchemaRegistryMain [--host 127.0.0.1] [--port 8081]"
              + " [--bootstrap-servers 127.0.0.1:9092]",
          "       [--topic _schemas] [--basic-auth user:password]"
              + " [--admin-basic-auth user:password]",
          "       [--advertised-url URL]",
          "       [--max-request-bytes 1048576] [--http-threads 8] [--init-timeout-ms 60000]",
          "       [--write-timeout-ms 30000] [--kafka key=value]...",
          "environment: TOKENLENS_SCHEMA_REGISTRY_HOST, TOKENLENS_SCHEMA_REGISTRY_PORT,"
              + " TOKENLENS_KAFKA_BOOTSTRAP_SERVERS,",
          "             TOKENLENS_SCHEMA_REGISTRY_TOPIC, TOKENLENS_SCHEMA_REGISTRY_BASIC_AUTH,",
          "             TOKENLENS_SCHEMA_REGISTRY_ADMIN_BASIC_AUTH (flags win)");

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
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  /**
   * The settings named by {@code args} and {@code env}.
   *
   * @throws InvalidConfigException listing every invalid setting
   */
  public static RegistryConfig parse(String[] args, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    ConfigLayers.fromEnvironment(ENVIRONMENT.keySet(), env)
        .forEach(
            (key, value) -> {
              if (ENVIRONMENT.containsKey(key) && !value.isBlank()) {
                values.put("--" + ENVIRONMENT.get(key), value);
              }
            });
    Map<String, String> kafka = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        problems.add("unexpected argument '" + arg + "'");
        continue;
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        problems.add("--" + name + " needs a value");
        continue;
      }
      if (!FLAGS.contains(name)) {
        problems.add("unknown flag --" + name);
      } else if ("kafka".equals(name)) {
        int split = value.indexOf('=');
        if (split <= 0) {
          problems.add("--kafka needs key=value, got '" + value + "'");
        } else {
          kafka.put(value.substring(0, split), value.substring(split + 1));
        }
      } else {
        values.put("--" + name, value);
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
