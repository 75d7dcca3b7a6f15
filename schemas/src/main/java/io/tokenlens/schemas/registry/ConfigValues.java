package io.tokenlens.schemas.registry;

import io.tokenlens.schemas.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serde and registry configuration the way Kafka passes it (strings, numbers, booleans, lists),
 * read through the one {@link ConfigReader}: absent keys take the caller's fallback, every error is
 * collected and reported at once in a {@link org.apache.kafka.common.config.ConfigException}. A key
 * may also be given with the {@code schema.registry.} prefix, as Confluent's clients accept; the
 * plain key wins.
 */
public final class ConfigValues {

  /** Prefix under which every key is also accepted. */
  public static final String PREFIX = "schema.registry.";

  private final Map<String, String> values = new LinkedHashMap<>();
  private final ConfigReader reader = new ConfigReader(values);

  public ConfigValues(Map<String, ?> configs) {
    if (configs == null) {
      return;
    }
    configs.forEach(
        (key, value) -> {
          if (value != null) {
            values.put(key, text(value));
          }
        });
    configs.forEach(
        (key, value) -> {
          if (value != null && key.startsWith(PREFIX)) {
            values.putIfAbsent(key.substring(PREFIX.length()), text(value));
          }
        });
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return value.toString();
  }

  /** Whether {@code key} (or {@code schema.registry.<key>}) is given. */
  public boolean isSet(String key) {
    return values.containsKey(key);
  }

  public String string(String key, String fallback) {
    return reader.string(key, fallback);
  }

  public boolean bool(String key, boolean fallback) {
    return reader.has(key) ? reader.bool(key) : fallback;
  }

  public long longValue(String key, long fallback, long min) {
    return reader.has(key) ? reader.longAtLeast(key, min) : fallback;
  }

  /**
   * The value of {@code key} as one of {@code type}'s constants (case-insensitive), or the error
   * naming them.
   */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    return reader.has(key) ? reader.choice(key, type, fallback) : fallback;
  }

  /** Records an error found by the caller. */
  public void error(String message) {
    reader.error(message);
  }

  public List<String> errors() {
    return reader.errors();
  }

  /**
   * Throws one {@link org.apache.kafka.common.config.ConfigException} listing every error, if there
   * is any.
   */
  public void throwIfInvalid(String what) {
    if (!reader.errors().isEmpty()) {
      throw new org.apache.kafka.common.config.ConfigException(
          "Invalid " + what + " configuration: " + String.join("; ", reader.errors()));
    }
  }
}
