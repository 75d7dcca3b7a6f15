package io.tokenlens.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed access to the fields of one item of a batch, recording every problem as {@code [i].field:
 * problem} instead of stopping at the first, so a 400 lists them all.
 *
 * @param node the item
 * @param at where the item is, e.g. {@code [3]}
 * @param problems where problems are recorded
 */
public record JsonFields(JsonNode node, String at, List<String> problems) {

  /** Records an {@code unknown field} problem for each field not in {@code known}. */
  public void refuseUnknown(Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(at + "." + name + ": unknown field");
      }
    }
  }

  /** Records a problem about {@code field}. */
  public void problem(String field, String problem) {
    problems.add(at + "." + field + ": " + problem);
  }

  /** A trimmed string; null when absent, null or empty. */
  public String string(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      problems.add(at + "." + name + ": must be a string, not " + type(v));
      return null;
    }
    String s = v.asText().trim();
    return s.isEmpty() ? null : s;
  }

  public String requiredString(String name) {
    if (node.get(name) == null || node.get(name).isNull()) {
      problems.add(at + "." + name + ": required");
      return null;
    }
    String s = string(name);
    if (s == null && node.get(name).isTextual()) {
      problems.add(at + "." + name + ": must not be empty");
    }
    return s;
  }

  /** A whole number ≥ 0. */
  public Long count(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problems.add(
          at
              + "."
              + name
              + ": must be a whole number, not "
              + (v.isNumber() ? v.asText() : type(v)));
      return null;
    }
    if (v.asLong() < 0) {
      problems.add(at + "." + name + ": must not be negative");
      return null;
    }
    return v.asLong();
  }

  public Double number(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      problems.add(at + "." + name + ": must be a number, not " + type(v));
      return null;
    }
    return v.asDouble();
  }

  /** A required instant: an ISO-8601 string or epoch milliseconds. */
  public Instant instant(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      problems.add(
          at
              + "."
              + name
              + ": required (ISO-8601 UTC like 2026-11-22T08:00:00Z, or epoch milliseconds)");
      return null;
    }
    return presentInstant(name, v);
  }

  /** An optional instant: an ISO-8601 string or epoch milliseconds; null when absent. */
  public Instant optionalInstant(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : presentInstant(name, v);
  }

  private Instant presentInstant(String name, JsonNode v) {
    if (v.isIntegralNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v.isTextual()) {
      try {
        return Instant.parse(v.asText().trim());
      } catch (DateTimeParseException e) {
        problems.add(
            at
                + "."
                + name
                + ": '"
                + v.asText()
                + "' is not an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        return null;
      }
    }
    problems.add(
        at + "." + name + ": must be an ISO-8601 string or epoch milliseconds, not " + type(v));
    return null;
  }

  /** The node's JSON type in lowercase ({@code number}, {@code array}, ...). */
  public static String type(JsonNode v) {
    return v.getNodeType().toString().toLowerCase(Locale.ROOT);
  }
}
