package io.tokenlens.schemas.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads serde and registry configuration values the way Kafka passes them (strings, numbers, booleans), collecting
 * every error so they can be reported at once. A key may also be given with the {@code schema.registry.} prefix, as
 * Confluent's clients accept.
 */
public final class ConfigValues {

  /** Prefix under which every key is also accepted. */
  public static final String PREFIX = "schema.registry.";

  private final Map<String, ?> configs;
  private final List<String> errors = new ArrayList<>();

  public ConfigValues(Map<String, ?> configs) {
    this.configs = configs == null ? Map.of() : configs;
  }

  /** The raw value of {@code key} (or of {@code schema.registry.<key>}), or null. */
  public Object raw(String key) {
    Object value = configs.get(key);
    if (value == null && !key.startsWith(PREFIX)) {
      value = configs.get(PREFIX + key);
    }
    return value;
  }

  public String string(String key, String fallback) {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return value.toString().trim();
  }

  public boolean bool(String key, boolean fallback) {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    errors.add(key + " is '" + value + "'; valid values: true, false");
    return fallback;
  }

  public long longValue(String key, long fallback, long min) {
    Object value = raw(key);
    if (value == null) {
      return fallback;
    }
    long parsed;
    if (value instanceof Number number) {
      parsed = number.longValue();
    } else {
      try {
        parsed = Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        errors.add(key + " is '" + value + "'; it must be an integer >= " + min);
        return fallback;
      }
    }
    if (parsed < min) {
      errors.add(key + " is " + parsed + "; it must be >= " + min);
      return fallback;
    }
    return parsed;
  }

  /** The value of {@code key} as one of {@code constants} (case-insensitive), or the error naming the valid ones. */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    Object value = raw(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    String text = value.toString().trim().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    errors.add(key + " is '" + value + "'; valid values: " + Arrays.stream(type.getEnumConstants())
        .map(Enum::name).collect(Collectors.joining(", ")));
    return fallback;
  }

  /** Records an error found by the caller. */
  public void error(String message) {
    errors.add(message);
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** Throws one {@link org.apache.kafka.common.config.ConfigException} listing every error, if there is any. */
  public void throwIfInvalid(String what) {
    if (!errors.isEmpty()) {
      throw new org.apache.kafka.common.config.ConfigException(
          "Invalid " + what + " configuration: " + String.join("; ", errors));
    }
  }
}
