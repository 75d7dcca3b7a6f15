package io.tokenlens.sink.rowbinary;

/** Writes one value of one ClickHouse type in RowBinary. */
public interface ValueEncoder {

  /**
   * Writes {@code value}. A null reaches only a {@code Nullable} encoder; containers write their element type's
   * {@link #writeDefault} for a null element of a non-nullable type.
   *
   * @throws IllegalArgumentException when the value cannot be a value of the type
   */
  void write(Object value, RowBinaryOutput out);

  /** Writes the type's default value (zero, empty), as ClickHouse fills an omitted value. */
  void writeDefault(RowBinaryOutput out);

  /** Whether the type takes NULL. */
  default boolean nullable() {
    return false;
  }
}
