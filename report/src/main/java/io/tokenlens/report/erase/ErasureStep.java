package io.tokenlens.report.erase;

import java.util.List;
import java.util.function.Function;

/**
 * One table's part of an erasure: which rows carry the person ({@code condition}) and what happens
 * to them.
 *
 * @param table the table
 * @param action delete the rows, or keep them with the person replaced by the pseudonym
 * @param columns the columns holding personal data this step clears (checked against the schema by
 *     the tests)
 * @param condition the person's rows, as a SQL boolean expression
 * @param rewrite {@link Action#PSEUDONYMISE}: the {@code UPDATE} assignments; {@link
 *     Action#PSEUDONYMISE_BY_COPY}: the {@code SELECT} list of the copy; unused for {@link
 *     Action#DELETE}
 */
public record ErasureStep(
    String table,
    Action action,
    List<String> columns,
    Function<Person, String> condition,
    Function<Person, String> rewrite) {

  /** What a step does to the rows it matches. */
  public enum Action {
    /** {@code ALTER TABLE ... DELETE}, synchronous: the rows are gone from the parts on disk. */
    DELETE,
    /**
     * {@code ALTER TABLE ... UPDATE} of the personal columns to the pseudonym (or NULL),
     * synchronous.
     */
    PSEUDONYMISE,
    /**
     * For tables whose sorting key holds the person (ClickHouse cannot update key columns): a copy
     * of the rows with the pseudonym is inserted with a deduplication token derived from the rows
     * it replaces, then the rows are deleted. A repeated run after a failure between the two
     * inserts nothing new.
     */
    PSEUDONYMISE_BY_COPY;

    /** How the step reports itself. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace("_by_copy", "");
    }
  }

  public ErasureStep {
    columns = List.copyOf(columns);
  }

  /** {@code table.column} of every personal column this step covers. */
  public List<String> qualifiedColumns() {
    return columns.stream().map(c -> table + "." + c).toList();
  }

  /** The statement counting the person's rows. */
  String countSql(Person person) {
    return "SELECT count() AS n FROM " + table + " WHERE " + condition.apply(person);
  }

  /**
   * The statements that erase the person's rows, in order. {@code fingerprint} identifies the rows
   * being replaced (used as the copy's deduplication token).
   */
  List<String> statements(Person person, String fingerprint) {
    String where = condition.apply(person);
    String delete =
        "ALTER TABLE " + table + " DELETE WHERE " + where + " SETTINGS mutations_sync = 2";
    return switch (action) {
      case DELETE -> List.of(delete);
      case PSEUDONYMISE ->
          List.of(
              "ALTER TABLE "
                  + table
                  + " UPDATE "
                  + rewrite.apply(person)
                  + " WHERE "
                  + where
                  + " SETTINGS mutations_sync = 2");
      case PSEUDONYMISE_BY_COPY ->
          List.of(
              "INSERT INTO "
                  + table
                  + " SELECT "
                  + rewrite.apply(person)
                  + " FROM "
                  + table
                  + " WHERE "
                  + where
                  + " SETTINGS insert_deduplicate = 1, insert_deduplication_token = "
                  + SqlLiterals.string(
                      "erase:" + table + ":" + person.pseudonym() + ":" + fingerprint),
              delete);
    };
  }

  /**
   * The statement fingerprinting the rows a copy replaces: their count and a hash over all their
   * columns.
   */
  String fingerprintSql(Person person) {
    return "SELECT concat(toString(count()), '-', toString(sum(cityHash64(*)))) AS f FROM "
        + table
        + " WHERE "
        + condition.apply(person);
  }
}
