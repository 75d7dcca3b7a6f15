package io.tokenlens.ingest.load;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A CSV row as an {@link Item}: field {@code engineerId} is column {@code engineer_id}. */
public final class CsvItem implements Item {
  private final CsvTable.Row row;

  public CsvItem(CsvTable.Row row) {
    this.row = row;
  }

  @Override
  public String at() {
    return "[line " + row.line() + "]";
  }

  @Override
  public String label(String field) {
    return column(field);
  }

  @Override
  public Set<String> presentFields() {
    Set<String> present = new LinkedHashSet<>();
    row.values()
        .forEach(
            (column, value) -> {
              if (!value.isEmpty()) {
                present.add(field(column));
              }
            });
    return present;
  }

  @Override
  public Set<String> spelledFields() {
    return row.values().keySet();
  }

  @Override
  public String text(String field, List<String> problems) {
    String v = row.values().get(column(field));
    return v == null || v.isEmpty() ? null : v;
  }

  /** {@code engineerId} → {@code engineer_id}. */
  public static String column(String field) {
    StringBuilder b = new StringBuilder();
    for (char c : field.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code engineer_id} → {@code engineerId}. */
  static String field(String column) {
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return b.toString();
  }

  /** The values of the row by column, for tests and messages. */
  Map<String, String> values() {
    return row.values();
  }
}
