package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigLayers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of flat configuration values that collect every error instead of failing on the first. */
final class ConfigReader {

  private final Map<String, String> values;
  private final List<String> errors = new ArrayList<>();

  ConfigReader(Map<String, String> values) {
    this.values = values;
  }

  String required(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      errors.add(key + " is required (environment variable " + ConfigLayers.envName(key) + ")");
      return null;
    }
    return value.trim();
  }

  String string(String key) {
    String value = values.get(key);
    return value == null ? null : value.trim();
  }

  long longAtLeast(String key, long min) {
    String value = values.get(key);
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < min) {
        errors.add(key + " must be at least " + min + " but is " + parsed);
      }
      return parsed;
    } catch (NumberFormatException | NullPointerException e) {
      errors.add(key + " must be an integer but is '" + value + "'");
      return min;
    }
  }

  int intAtLeast(String key, int min) {
    long parsed = longAtLeast(key, min);
    if (parsed > Integer.MAX_VALUE) {
      errors.add(key + " must be at most " + Integer.MAX_VALUE + " but is " + parsed);
      return min;
    }
    return (int) parsed;
  }

  double doubleAtLeast(String key, double min) {
    String value = values.get(key);
    try {
      double parsed = Double.parseDouble(value.trim());
      if (!(parsed >= min) || Double.isInfinite(parsed)) {
        errors.add(key + " must be a finite number of at least " + min + " but is " + value.trim());
      }
      return parsed;
    } catch (NumberFormatException | NullPointerException e) {
      errors.add(key + " must be a number but is '" + value + "'");
      return min;
    }
  }

  double doubleBetween(String key, double min, double max) {
    String value = values.get(key);
    try {
      double parsed = Double.parseDouble(value.trim());
      if (!(parsed >= min && parsed <= max)) {
        errors.add(key + " must be between " + min + " and " + max + " but is " + parsed);
      }
      return parsed;
    } catch (NumberFormatException | NullPointerException e) {
      errors.add(key + " must be a number but is '" + value + "'");
      return min;
    }
  }

  Duration millisAtLeast(String key, long min) {
    return Duration.ofMillis(longAtLeast(key, min));
  }

  void error(String message) {
    errors.add(message);
  }

  List<String> errors() {
    return List.copyOf(errors);
  }
}
