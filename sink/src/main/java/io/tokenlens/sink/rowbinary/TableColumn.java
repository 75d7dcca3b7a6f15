package io.tokenlens.sink.rowbinary;

/**
 * A column of a ClickHouse table as {@code system.columns} describes it.
 *
 * @param name column name
 * @param type type, e.g. {@code LowCardinality(Nullable(String))}
 * @param defaultKind {@code DEFAULT}, {@code MATERIALIZED}, {@code ALIAS}, {@code EPHEMERAL} or
 *     empty
 */
public record TableColumn(String name, String type, String defaultKind) {

  /** Whether an INSERT without a column list expects a value for it. */
  public boolean insertable() {
    return !defaultKind.equals("MATERIALIZED")
        && !defaultKind.equals("ALIAS")
        && !defaultKind.equals("EPHEMERAL");
  }
}
