package io.tokenlens.sink.rowbinary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes one value of one ClickHouse type in RowBinary. The typed {@code writeX} methods write
 * exactly what {@link #write} writes for the object an Avro reader would have made of the value (a
 * {@code Long}, an {@code Instant} of a {@code timestamp-millis}, a {@code String}, an enum
 * constant); types that are fed such values often override them to skip the object. They write a
 * value, never a NULL marker: a {@code Nullable} type's marker is its caller's to write, before the
 * value of {@link #notNull()}.
 */
public interface ValueEncoder {

  /**
   * Writes {@code value}. A null reaches only a {@code Nullable} encoder; containers write their
   * element type's {@link #writeDefault} for a null element of a non-nullable type.
   *
   * @throws IllegalArgumentException when the value cannot be a value of the type
   */
  void write(Object value, RowBinaryOutput out);

  /** Writes the type's default value (zero, empty), as ClickHouse fills an omitted value. */
  void writeDefault(RowBinaryOutput out);

  /** {@link #write} of a {@code Long}. */
  default void writeLong(long v, RowBinaryOutput out) {
    write(v, out);
  }

  /** {@link #write} of an {@code Integer}. */
  default void writeInt(int v, RowBinaryOutput out) {
    write(v, out);
  }

  /** {@link #write} of the {@code Instant} of {@code epochMillis}. */
  default void writeTimestampMillis(long epochMillis, RowBinaryOutput out) {
    write(Instant.ofEpochMilli(epochMillis), out);
  }

  /** {@link #write} of a {@code Double}. */
  default void writeDouble(double v, RowBinaryOutput out) {
    write(v, out);
  }

  /** {@link #write} of a {@code Float}. */
  default void writeFloat(float v, RowBinaryOutput out) {
    write(v, out);
  }

  /** {@link #write} of a {@code Boolean}. */
  default void writeBoolean(boolean v, RowBinaryOutput out) {
    write(v, out);
  }

  /**
   * {@link #write} of the {@code String} decoded from {@code length} UTF-8 bytes at {@code offset}.
   */
  default void writeUtf8(byte[] bytes, int offset, int length, RowBinaryOutput out) {
    write(new String(bytes, offset, length, StandardCharsets.UTF_8), out);
  }

  /** {@link #write} of the enum constant {@code symbol}, whose name is {@code name} in UTF-8. */
  default void writeSymbol(Object symbol, byte[] name, RowBinaryOutput out) {
    write(symbol, out);
  }

  /** The encoder of the type inside {@code Nullable}, or this one when the type takes no NULL. */
  default ValueEncoder notNull() {
    return this;
  }

  /** The element type's encoder when this is an {@code Array}, else null. */
  default ValueEncoder arrayElement() {
    return null;
  }

  /** Whether the type takes NULL. */
  default boolean nullable() {
    return false;
  }
}
