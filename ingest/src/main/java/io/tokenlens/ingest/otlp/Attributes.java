package io.tokenlens.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes of one record merged over its resource's (the record's own win), with typed, forgiving
 * reads: Claude Code sends numbers as strings ({@code "input_tokens": "1234"}), other sources as
 * ints or doubles. A value that is present but unreadable is a {@link MappingException} naming the
 * attribute.
 */
final class Attributes {
  private final Map<String, AnyValue> values;

  private Attributes(Map<String, AnyValue> values) {
    this.values = values;
  }

  static Attributes of(List<KeyValue> resource, List<KeyValue> record) {
    Map<String, AnyValue> values = new HashMap<>();
    resource.forEach(kv -> values.put(kv.getKey(), kv.getValue()));
    record.forEach(kv -> values.put(kv.getKey(), kv.getValue()));
    return new Attributes(values);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  /** The value as text (numbers and booleans rendered), null when absent or empty. */
  String string(String key) {
    AnyValue v = values.get(key);
    if (v == null) {
      return null;
    }
    String s =
        switch (v.getValueCase()) {
          case STRING_VALUE -> v.getStringValue();
          case INT_VALUE -> Long.toString(v.getIntValue());
          case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
          case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
          default -> null;
        };
    return s == null || s.isBlank() ? null : s.trim();
  }

  String firstString(String... keys) {
    for (String k : keys) {
      String s = string(k);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** A whole, non-negative number; null when absent. */
  Long count(String key) {
    AnyValue v = values.get(key);
    if (v == null) {
      return null;
    }
    long n;
    switch (v.getValueCase()) {
      case INT_VALUE -> n = v.getIntValue();
      case DOUBLE_VALUE -> {
        double d = v.getDoubleValue();
        if (d != Math.rint(d)) {
          throw new MappingException(key + ": " + d + " is not a whole number");
        }
        n = (long) d;
      }
      case STRING_VALUE -> {
        String s = v.getStringValue().trim();
        if (s.isEmpty() || s.equals("undefined")) {
          return null;
        }
        try {
          n = Long.parseLong(s);
        } catch (NumberFormatException e) {
          throw new MappingException(key + ": '" + s + "' is not a whole number");
        }
      }
      default -> throw new MappingException(key + ": a " + v.getValueCase() + " is not a number");
    }
    if (n < 0) {
      throw new MappingException(key + ": " + n + " is negative");
    }
    return n;
  }

  Double number(String key) {
    AnyValue v = values.get(key);
    if (v == null) {
      return null;
    }
    return switch (v.getValueCase()) {
      case INT_VALUE -> (double) v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case STRING_VALUE -> {
        String s = v.getStringValue().trim();
        if (s.isEmpty()) {
          yield null;
        }
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new MappingException(key + ": '" + s + "' is not a number");
        }
      }
      default -> throw new MappingException(key + ": a " + v.getValueCase() + " is not a number");
    };
  }

  Boolean bool(String key) {
    AnyValue v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v.getValueCase() == AnyValue.ValueCase.BOOL_VALUE) {
      return v.getBoolValue();
    }
    String s = string(key);
    if ("true".equalsIgnoreCase(s)) {
      return true;
    }
    if ("false".equalsIgnoreCase(s)) {
      return false;
    }
    return null;
  }

  Instant instant(String key) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new MappingException(key + ": '" + s + "' is not an ISO-8601 instant");
    }
  }
}
