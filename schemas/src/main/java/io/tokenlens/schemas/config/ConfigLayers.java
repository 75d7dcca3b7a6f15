package io.tokenlens.schemas.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Layers flat configuration keys: defaults in code, then a properties file, then environment
 * variables. A key's environment variable is {@code TOKENLENS_} + the key upper-cased with dots as
 * underscores ({@code sink.batch.max.rows} is {@code TOKENLENS_SINK_BATCH_MAX_ROWS}); shared by the
 * services; any {@code kafka.*} or {@code schema.registry.*} key may be set the same way. The
 * launcher's and the local stack's own variables ({@link #LAUNCHER_VARIABLES}: {@code
 * TOKENLENS_KAFKA_PORT}, ...) name no setting and are never read as one.
 */
public final class ConfigLayers {

  private static final String ENV_PREFIX = "TOKENLENS_";
  private static final Set<String> PASS_THROUGH_FAMILIES = Set.of("kafka.", "schema.registry.");

  /**
   * The variables of {@code ./tokenlens}, the local stack, the embedded registry and the test kit:
   * they look like {@code kafka.*} or {@code schema.registry.*} settings ({@code
   * TOKENLENS_KAFKA_PORT} would be {@code kafka.port}) but are none, so they never reach a client.
   * A service that names one of them among its keys still reads it.
   */
  public static final Set<String> LAUNCHER_VARIABLES =
      Set.of(
          "TOKENLENS_HOME",
          "TOKENLENS_KAFKA_PORT",
          "TOKENLENS_KAFKA_CONTROLLER_PORT",
          "TOKENLENS_KAFKA_BROKERS",
          "TOKENLENS_KAFKA_HEAP",
          "TOKENLENS_SCHEMA_REGISTRY_HOST",
          "TOKENLENS_SCHEMA_REGISTRY_PORT",
          "TOKENLENS_SCHEMA_REGISTRY_TOPIC",
          "TOKENLENS_SCHEMA_REGISTRY_BASIC_AUTH",
          "TOKENLENS_SCHEMA_REGISTRY_ADMIN_BASIC_AUTH",
          "TOKENLENS_CLICKHOUSE_PORT",
          "TOKENLENS_TESTCONTAINERS",
          "TOKENLENS_TEST_CLEANUP");

  private ConfigLayers() {}

  /**
   * Defaults, then the properties file the environment variable {@code fileVariable} names (when
   * set and not blank), then the variables of {@code env} naming a key.
   */
  public static Map<String, String> layer(
      Map<String, String> defaults,
      Set<String> knownKeys,
      String fileVariable,
      Map<String, String> env) {
    return layer(defaults, knownKeys, file(fileVariable, env), env);
  }

  /**
   * The properties file the environment variable {@code fileVariable} names, or null when it is
   * unset or blank.
   */
  public static Path file(String fileVariable, Map<String, String> env) {
    String file = env.get(fileVariable);
    return file == null || file.isBlank() ? null : Path.of(file.trim());
  }

  /**
   * Defaults, then {@code file} (when not null), then the variables of {@code env} naming a key.
   */
  public static Map<String, String> layer(
      Map<String, String> defaults, Set<String> knownKeys, Path file, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(defaults);
    if (file != null) {
      values.putAll(readProperties(file));
    }
    values.putAll(fromEnvironment(knownKeys, env));
    return values;
  }

  /** Reads a properties file (UTF-8), keys and values trimmed. */
  public static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties
        .stringPropertyNames()
        .forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
    return values;
  }

  /**
   * The keys set by environment variables: the known keys, and any pass-through family key but the
   * {@linkplain #LAUNCHER_VARIABLES launcher's variables}.
   */
  public static Map<String, String> fromEnvironment(
      Set<String> knownKeys, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : knownKeys) {
      String value = env.get(envName(key));
      if (value != null) {
        values.put(key, value.trim());
      }
    }
    env.forEach(
        (name, value) ->
            PASS_THROUGH_FAMILIES.forEach(
                family -> {
                  String prefix = envName(family);
                  if (name.startsWith(prefix)
                      && name.length() > prefix.length()
                      && !LAUNCHER_VARIABLES.contains(name)) {
                    String key =
                        family
                            + name.substring(prefix.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.');
                    values.putIfAbsent(key, value.trim());
                  }
                }));
    return values;
  }

  /** The environment variable of a key. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
