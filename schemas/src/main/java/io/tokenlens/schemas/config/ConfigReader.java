package io.tokenlens.schemas.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Typed reads of flat configuration values (as {@link ConfigLayers} layers them) that collect every
 * error instead of failing on the first, so that a service reports all of them at once. Every
 * message names the key and the value found: {@code sink.batch.max.rows must be an integer but is
 * 'lots'}. A typed read of a key that is absent is an error; services read over their defaults, so
 * only keys without a default can be absent.
 */
public final class ConfigReader {

  private final Map<String, String> values;
  private final List<String> errors = new ArrayList<>();

  public ConfigReader(Map<String, String> values) {
    this.values = values;
  }

  /** Whether {@code key} holds a value that is not blank. */
  public boolean has(String key) {
    String value = values.get(key);
    return value != null && !value.isBlank();
  }

  /** The value of {@code key}, trimmed, or null. */
  public String string(String key) {
    String value = values.get(key);
    return value == null ? null : value.trim();
  }

  /** The value of {@code key}, trimmed, or {@code fallback} when it is absent. */
  public String string(String key, String fallback) {
    String value = string(key);
    return value == null ? fallback : value;
  }

  /**
   * The value of {@code key}, trimmed; absent or blank is an error naming its environment variable.
   */
  public String required(String key) {
    if (!has(key)) {
      errors.add(key + " is required (environment variable " + ConfigLayers.envName(key) + ")");
      return null;
    }
    return values.get(key).trim();
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(String key) {
    String value = present(key);
    if (value == null) {
      return false;
    }
    String text = value.toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      errors.add(key + " must be true or false but is '" + value + "'");
    }
    return text.equals("true");
  }

  public long longAtLeast(String key, long min) {
    return longBetween(key, min, Long.MAX_VALUE);
  }

  /** An integer in {@code [min, max]}; outside, the error says which bound. */
  public long longBetween(String key, long min, long max) {
    String value = present(key);
    if (value == null) {
      return min;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      errors.add(key + " must be an integer but is '" + value + "'");
      return min;
    }
    if (parsed < min || parsed > max) {
      errors.add(
          key
              + (max == Long.MAX_VALUE
                  ? " must be at least " + min
                  : " must be between " + min + " and " + max)
              + " but is "
              + parsed);
    }
    return parsed;
  }

  public int intAtLeast(String key, int min) {
    return intBetween(key, min, Integer.MAX_VALUE);
  }

  public int intBetween(String key, int min, int max) {
    long parsed = longBetween(key, min, max == Integer.MAX_VALUE ? Long.MAX_VALUE : max);
    if (parsed > Integer.MAX_VALUE) {
      errors.add(key + " must be at most " + Integer.MAX_VALUE + " but is " + parsed);
      return min;
    }
    return (int) parsed;
  }

  /** A number of milliseconds, at least {@code min}. */
  public Duration millisAtLeast(String key, long min) {
    return Duration.ofMillis(longAtLeast(key, min));
  }

  /** A number of milliseconds in {@code [min, max]}. */
  public Duration millisBetween(String key, long min, long max) {
    return Duration.ofMillis(longBetween(key, min, max));
  }

  /** A number of seconds in {@code [min, max]}. */
  public Duration secondsBetween(String key, long min, long max) {
    return Duration.ofSeconds(longBetween(key, min, max));
  }

  /** A finite number, at least {@code min}. */
  public double doubleAtLeast(String key, double min) {
    String value = present(key);
    Double parsed = value == null ? null : parseDouble(key, value);
    if (parsed == null) {
      return min;
    }
    if (!(parsed >= min) || parsed.isInfinite()) {
      errors.add(key + " must be a finite number of at least " + min + " but is " + value);
    }
    return parsed;
  }

  /** A finite number greater than {@code bound}. */
  public double doubleAbove(String key, double bound) {
    String value = present(key);
    Double parsed = value == null ? null : parseDouble(key, value);
    if (parsed == null) {
      return bound;
    }
    if (!(parsed > bound) || parsed.isInfinite()) {
      errors.add(key + " must be a finite number above " + bound + " but is " + value);
    }
    return parsed;
  }

  /** A number in {@code [min, max]}. */
  public double doubleBetween(String key, double min, double max) {
    String value = present(key);
    Double parsed = value == null ? null : parseDouble(key, value);
    if (parsed == null) {
      return min;
    }
    if (!(parsed >= min && parsed <= max)) {
      errors.add(key + " must be between " + min + " and " + max + " but is " + parsed);
    }
    return parsed;
  }

  /** One of {@code type}'s constants, in any case; the error lists the valid ones. */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String value = present(key);
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    errors.add(
        key
            + " must be one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", "))
            + " but is '"
            + value
            + "'");
    return fallback;
  }

  /**
   * The keys starting with {@code prefix}, without it, in their order: the pass-through families
   * ({@code kafka.*} to the Kafka clients).
   */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> family = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(prefix) && key.length() > prefix.length()) {
            family.put(key.substring(prefix.length()), value);
          }
        });
    return family;
  }

  /**
   * The rule between two durations in milliseconds: {@code key}'s {@code value} may not be shorter
   * than {@code otherKey}'s {@code other}.
   */
  public void requireAtLeast(String key, Duration value, String otherKey, Duration other) {
    if (value.compareTo(other) < 0) {
      errors.add(
          key
              + " ("
              + value.toMillis()
              + ") must be at least "
              + otherKey
              + " ("
              + other.toMillis()
              + ")");
    }
  }

  /** Records an error found by the caller (a rule between keys, a format of its own). */
  public void error(String message) {
    errors.add(message);
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  /**
   * Throws one {@link IllegalArgumentException} listing every error, one a line, if there is any:
   * the services exit with status 2 on it before anything starts.
   */
  public void throwIfInvalid(String what) {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid " + what + " configuration:\n  - " + String.join("\n  - ", errors));
    }
  }

  private String present(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      errors.add(key + " is required (environment variable " + ConfigLayers.envName(key) + ")");
      return null;
    }
    return value.trim();
  }

  private Double parseDouble(String key, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      errors.add(key + " must be a number but is '" + value + "'");
      return null;
    }
  }
}
