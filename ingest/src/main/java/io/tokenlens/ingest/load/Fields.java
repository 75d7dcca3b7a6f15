package io.tokenlens.ingest.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to the fields of one {@link Item}, recording every problem as {@code <at>.<field>:
 * problem} so a whole file can be checked before anything is published.
 */
public final class Fields {
  private final Item item;
  private final List<String> problems;

  public Fields(Item item, List<String> problems) {
    this.item = item;
    this.problems = problems;
  }

  public Item item() {
    return item;
  }

  /** Records a problem with one field. */
  public void problem(String field, String problem) {
    problems.add(where(field) + ": " + problem);
  }

  /** Records a problem with the item as a whole. */
  public void problem(String problem) {
    problems.add((item.at().isEmpty() ? "(top level)" : item.at()) + ": " + problem);
  }

  public String where(String field) {
    String label = item.label(field);
    return item.at().isEmpty() ? label : item.at() + "." + label;
  }

  public boolean has(String field) {
    return item.presentFields().contains(field);
  }

  /** The text, or null when absent or empty. */
  public String string(String field) {
    return item.text(field, problems);
  }

  /** The text; absent or empty is a problem. */
  public String requiredString(String field) {
    String v = string(field);
    if (v == null) {
      problem(field, "required");
    }
    return v;
  }

  /** A whole number ≥ 0, or null when absent. */
  public Long count(String field) {
    String v = string(field);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        problem(field, "must not be negative, not " + v);
        return null;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(field, "must be a whole number, not '" + v + "'");
      return null;
    }
  }

  /** A whole number ≥ 0; absent is a problem. */
  public Long requiredCount(String field) {
    if (string(field) == null) {
      problem(field, "required");
      return null;
    }
    return count(field);
  }

  /** A whole number ≥ 0; absent is 0. */
  public long countOrZero(String field) {
    Long n = count(field);
    return n == null ? 0 : n;
  }

  /**
   * A finite number ≥ 0 (an amount of USD, a count that may be fractional), or null when absent.
   */
  public Double amount(String field) {
    String v = string(field);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        problem(field, "must be a finite number, not " + v);
        return null;
      }
      if (d < 0) {
        problem(field, "must not be negative, not " + v);
        return null;
      }
      return d;
    } catch (NumberFormatException e) {
      problem(field, "must be a number, not '" + v + "'");
      return null;
    }
  }

  /** A required finite number ≥ 0. */
  public Double requiredAmount(String field) {
    if (string(field) == null) {
      problem(field, "required");
      return null;
    }
    return amount(field);
  }

  /**
   * {@code true}/{@code false} (also {@code yes}/{@code no}, {@code 1}/{@code 0}); absent is {@code
   * fallback}.
   */
  public boolean bool(String field, boolean fallback) {
    String v = string(field);
    if (v == null) {
      return fallback;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> {
        return true;
      }
      case "false", "no", "0" -> {
        return false;
      }
      default -> {
        problem(field, "must be true or false, not '" + v + "'");
        return fallback;
      }
    }
  }

  /**
   * An instant: ISO-8601 with offset ({@code 2026-11-22T08:00:00Z}) or a date ({@code 2026-11-22},
   * the start of that day in UTC); null when absent (reported when {@code required}).
   */
  public Instant instantOrDate(String field, boolean required) {
    String v = string(field);
    if (v == null) {
      if (required) {
        problem(field, "required (a date like 2026-11-22 or an instant like 2026-11-22T08:00:00Z)");
      }
      return null;
    }
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : java.time.OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      problem(
          field,
          "'" + v + "' is not a date like 2026-11-22 or an instant like 2026-11-22T08:00:00Z");
      return null;
    }
  }

  /**
   * One of {@code allowed} (compared case-insensitively, {@code -} and {@code _} alike),
   * upper-cased; or null.
   */
  public String oneOf(String field, boolean required, List<String> allowed) {
    String v = required ? requiredString(field) : string(field);
    if (v == null) {
      return null;
    }
    String normal = v.toUpperCase(Locale.ROOT).replace('-', '_');
    if (!allowed.contains(normal)) {
      problem(
          field,
          "'"
              + v
              + "' is not one of "
              + String.join(", ", allowed.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList()));
      return null;
    }
    return normal;
  }

  /**
   * Records each present field not in {@code known} as unknown (a typo would otherwise silently
   * drop data).
   */
  public void refuseUnknown(java.util.Set<String> known) {
    for (String spelled : item.spelledFields()) {
      boolean ok = known.stream().anyMatch(k -> item.label(k).equals(spelled));
      if (!ok) {
        problems.add((item.at().isEmpty() ? "" : item.at() + ".") + spelled + ": unknown field");
      }
    }
  }
}
