package io.tokenlens.ingest.load;

import java.util.Set;

/**
 * One entry of a loaded file: a CSV row or a JSON object. Fields are named in camelCase ({@code
 * engineerId}); a CSV file names the same field in snake_case ({@code engineer_id}). Problems are
 * reported as {@code <at>.<field as the file names it>: problem}.
 */
public interface Item {

  /** Where the item is, e.g. {@code [line 3]} or {@code [2]} or {@code data[0].results[1]}. */
  String at();

  /** The field as the file spells it. */
  String label(String field);

  /** The fields (camelCase) that have a non-empty value. */
  Set<String> presentFields();

  /**
   * The names of every field or column the item has, as the file spells them, for the unknown-field
   * check.
   */
  Set<String> spelledFields();

  /**
   * The value as text, trimmed; null when absent, null or empty. A value that is not a scalar (a
   * JSON object or array) is reported in {@code problems} and read as null.
   */
  String text(String field, java.util.List<String> problems);
}
