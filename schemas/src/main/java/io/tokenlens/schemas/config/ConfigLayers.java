package io.tokenlens.schemas.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Layers flat configuration keys: defaults in code, then a properties file, then environment variables. A key's
 * environment variable is {@code TOKENLENS_} + the key upper-cased with dots as underscores
 * ({@code sink.batch.max.rows} is {@code TOKENLENS_SINK_BATCH_MAX_ROWS}); shared by the services; any {@code kafka.*} or
 * {@code schema.registry.*} key may be set the same way.
 */
public final class ConfigLayers {

  private static final String ENV_PREFIX = "TOKENLENS_";
  private static final Set<String> PASS_THROUGH_FAMILIES = Set.of("kafka.", "schema.registry.");

  private ConfigLayers() {}

  /**
   * Defaults, then the properties file the environment variable {@code fileVariable} names (when set and not
   * blank), then the variables of {@code env} naming a key.
   */
  public static Map<String, String> layer(Map<String, String> defaults, Set<String> knownKeys, String fileVariable,
      Map<String, String> env) {
    String file = env.get(fileVariable);
    return layer(defaults, knownKeys, file == null || file.isBlank() ? null : Path.of(file.trim()), env);
  }

  /** Defaults, then {@code file} (when not null), then the variables of {@code env} naming a key. */
  public static Map<String, String> layer(Map<String, String> defaults, Set<String> knownKeys, Path file,
      Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(defaults);
    if (file != null) {
      values.putAll(readProperties(file));
    }
    values.putAll(fromEnvironment(knownKeys, env));
    return values;
  }

  /** Reads a properties file, values trimmed. */
  public static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    return values;
  }

  /** The keys set by environment variables: the known keys, and any pass-through family key. */
  public static Map<String, String> fromEnvironment(Set<String> knownKeys, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : knownKeys) {
      String value = env.get(envName(key));
      if (value != null) {
        values.put(key, value.trim());
      }
    }
    env.forEach((name, value) -> PASS_THROUGH_FAMILIES.forEach(family -> {
      String prefix = envName(family);
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        String key = family + name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
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
