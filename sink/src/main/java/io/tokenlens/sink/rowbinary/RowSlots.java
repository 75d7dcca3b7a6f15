package io.tokenlens.sink.rowbinary;

/**
 * The values of one row's record columns as the Avro reader found them, one slot per column, kept
 * as primitives or as a range of the input for strings, then written in table order ({@link
 * #write}). A slot holds what an Avro {@code SpecificDatumReader} would have made an object of — a
 * {@code Long}, an {@code Instant} of a {@code timestamp-millis}, a {@code String}, an enum
 * constant — or that object itself where the value is read the reference way. Not thread-safe.
 */
final class RowSlots {

  static final byte NULL = 0;
  static final byte LONG = 1;
  static final byte INT = 2;
  static final byte TIMESTAMP_MILLIS = 3;
  static final byte DOUBLE = 4;
  static final byte FLOAT = 5;
  static final byte BOOLEAN = 6;
  static final byte UTF8 = 7;
  static final byte SYMBOL = 8;
  static final byte OBJECT = 9;
  static final byte ARRAY = 10;

  private final byte[] kinds;
  private final long[] longs;
  private final double[] doubles;
  private final int[] lengths;
  private final Object[] objects;
  private final byte[][] names;
  private byte[] source;

  /** Where an array's items are read again as they are written (one item at a time). */
  private RowSlots item;

  private AvroBinaryInput items;

  RowSlots(int size) {
    kinds = new byte[size];
    longs = new long[size];
    doubles = new double[size];
    lengths = new int[size];
    objects = new Object[size];
    names = new byte[size][];
  }

  /** The input the {@link #setUtf8} ranges are in. */
  void source(byte[] input) {
    this.source = input;
  }

  void setNull(int slot) {
    kinds[slot] = NULL;
  }

  /** A {@link #LONG}, {@link #INT}, {@link #TIMESTAMP_MILLIS} or {@link #BOOLEAN} (0 or 1). */
  void setLong(int slot, byte kind, long v) {
    kinds[slot] = kind;
    longs[slot] = v;
  }

  /** A {@link #DOUBLE} or {@link #FLOAT}. */
  void setDouble(int slot, byte kind, double v) {
    kinds[slot] = kind;
    doubles[slot] = v;
  }

  void setUtf8(int slot, int offset, int length) {
    kinds[slot] = UTF8;
    longs[slot] = offset;
    lengths[slot] = length;
  }

  void setSymbol(int slot, Object symbol, byte[] name) {
    kinds[slot] = SYMBOL;
    objects[slot] = symbol;
    names[slot] = name;
  }

  /**
   * An array whose blocks start at {@code offset} of the input, with {@code count} items read by
   * {@code reader}.
   */
  void setArray(int slot, int offset, int count, LeafReader reader) {
    kinds[slot] = ARRAY;
    longs[slot] = offset;
    lengths[slot] = count;
    objects[slot] = reader;
  }

  void setObject(int slot, Object value) {
    kinds[slot] = OBJECT;
    objects[slot] = value;
  }

  /**
   * Writes the slot's marker and value as {@link RowEncoder} writes the object it stands for: the
   * default marker for a null, NaN or infinite value of a column that takes no NULL, else 0 and the
   * value.
   */
  void write(int slot, ValueEncoder encoder, RowBinaryOutput out) {
    if (kinds[slot] == NULL || kinds[slot] == OBJECT) {
      RowEncoder.writeValue(encoder, kinds[slot] == NULL ? null : objects[slot], out);
    } else if (absent(slot) && !encoder.nullable()) {
      out.writeByte(1);
    } else {
      out.writeByte(0);
      writeNotNull(slot, encoder, out);
    }
  }

  /** A NaN or infinite double: NULL, or the column's default where the column takes no NULL. */
  private boolean absent(int slot) {
    return kinds[slot] == DOUBLE && !Double.isFinite(doubles[slot]);
  }

  /** The value of a slot that holds one, after the NULL marker of a {@code Nullable} type. */
  private void writeNotNull(int slot, ValueEncoder encoder, RowBinaryOutput out) {
    if (encoder.nullable()) {
      out.writeByte(absent(slot) ? 1 : 0);
      if (absent(slot)) {
        return;
      }
    }
    writePresent(slot, encoder.notNull(), out);
  }

  private void writePresent(int slot, ValueEncoder encoder, RowBinaryOutput out) {
    switch (kinds[slot]) {
      case LONG -> encoder.writeLong(longs[slot], out);
      case INT -> encoder.writeInt((int) longs[slot], out);
      case TIMESTAMP_MILLIS -> encoder.writeTimestampMillis(longs[slot], out);
      case DOUBLE -> encoder.writeDouble(doubles[slot], out);
      case ARRAY -> writeArray(slot, encoder.arrayElement(), out);
      case FLOAT -> encoder.writeFloat((float) doubles[slot], out);
      case BOOLEAN -> encoder.writeBoolean(longs[slot] != 0, out);
      case UTF8 -> encoder.writeUtf8(source, (int) longs[slot], lengths[slot], out);
      case SYMBOL -> encoder.writeSymbol(objects[slot], names[slot], out);
      default -> throw new IllegalStateException("slot kind " + kinds[slot]);
    }
  }

  /**
   * The array's size and its items, each as {@code ValueEncoders.writeOrDefault} writes the object
   * it stands for.
   */
  private void writeArray(int slot, ValueEncoder element, RowBinaryOutput out) {
    if (item == null) {
      item = new RowSlots(1);
      items = new AvroBinaryInput();
    }
    item.source(source);
    out.writeVarUInt(lengths[slot]);
    LeafReader reader = (LeafReader) objects[slot];
    int offset = (int) longs[slot];
    items.reset(source, offset, source.length - offset);
    for (long count = items.readLong(); count != 0; count = items.readLong()) {
      if (count < 0) {
        count = -count;
        items.readLong(); // the block's size in bytes
      }
      for (long i = 0; i < count; i++) {
        reader.read(items, item, 0);
        item.writeElement(element, out);
      }
    }
  }

  private void writeElement(ValueEncoder element, RowBinaryOutput out) {
    if (kinds[0] == NULL || kinds[0] == OBJECT) {
      ValueEncoders.writeOrDefault(element, kinds[0] == NULL ? null : objects[0], out);
    } else if (absent(0) && !element.nullable()) {
      element.writeDefault(out);
    } else {
      writeNotNull(0, element, out);
    }
  }
}
