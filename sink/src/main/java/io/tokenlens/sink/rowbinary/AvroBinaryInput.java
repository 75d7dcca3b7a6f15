package io.tokenlens.sink.rowbinary;

import org.apache.avro.Schema;

/**
 * A cursor over Avro binary data in a byte array: zig-zag varints, little-endian floats,
 * length-prefixed bytes, and skipping a whole value of a writer schema. Strings are not copied:
 * {@link #readLength()} gives their size and {@link #position()} where they start. Reading past the
 * end, a malformed varint or a negative length throws {@link MalformedAvroException}. Not
 * thread-safe; one per decoding thread, {@link #reset} for each record.
 */
public final class AvroBinaryInput {

  private byte[] buf;
  private int pos;
  private int limit;

  /** Reads {@code length} bytes of {@code data} from {@code offset}. */
  public void reset(byte[] data, int offset, int length) {
    this.buf = data;
    this.pos = offset;
    this.limit = offset + length;
  }

  public byte[] buffer() {
    return buf;
  }

  public int position() {
    return pos;
  }

  private void require(int bytes) {
    if (bytes > limit - pos) {
      throw new MalformedAvroException(
          "the record ends " + (bytes - (limit - pos)) + " byte(s) early");
    }
  }

  public long readLong() {
    long raw = 0;
    int shift = 0;
    while (true) {
      require(1);
      int b = buf[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
      shift += 7;
      if (shift > 63) {
        throw new MalformedAvroException("a varint longer than 10 bytes");
      }
    }
  }

  public int readInt() {
    long v = readLong();
    if (v != (int) v) {
      throw new MalformedAvroException("an int out of range: " + v);
    }
    return (int) v;
  }

  public boolean readBoolean() {
    require(1);
    return buf[pos++] != 0;
  }

  public float readFloat() {
    return Float.intBitsToFloat(readFixedInt());
  }

  public double readDouble() {
    long low = readFixedInt() & 0xffffffffL;
    long high = readFixedInt() & 0xffffffffL;
    return Double.longBitsToDouble(low | high << 32);
  }

  private int readFixedInt() {
    require(4);
    int v =
        (buf[pos] & 0xff)
            | (buf[pos + 1] & 0xff) << 8
            | (buf[pos + 2] & 0xff) << 16
            | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  /**
   * The length of a string or bytes value, checked against the bytes left; {@link #position()} is
   * its start.
   */
  public int readLength() {
    long length = readLong();
    if (length < 0) {
      throw new MalformedAvroException("Malformed data. Length is negative: " + length);
    }
    if (length > limit - pos) {
      throw new MalformedAvroException(
          "a length of " + length + " byte(s) with " + (limit - pos) + " left");
    }
    return (int) length;
  }

  /** Moves past {@code bytes} bytes. */
  public void skipBytes(int bytes) {
    require(bytes);
    pos += bytes;
  }

  /** Moves past one value written with {@code schema}. */
  public void skip(Schema schema) {
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> skipBytes(1);
      case INT, LONG, ENUM -> readLong();
      case FLOAT -> skipBytes(4);
      case DOUBLE -> skipBytes(8);
      case STRING, BYTES -> skipBytes(readLength());
      case FIXED -> skipBytes(schema.getFixedSize());
      case UNION -> skip(branch(schema));
      case RECORD -> schema.getFields().forEach(f -> skip(f.schema()));
      case ARRAY -> skipBlocks(schema.getElementType(), null);
      case MAP -> skipBlocks(schema.getValueType(), Schema.create(Schema.Type.STRING));
      default -> throw new IllegalArgumentException("Cannot skip Avro type " + schema.getType());
    }
  }

  /** The branch of a union value, after reading its index. */
  public Schema branch(Schema union) {
    int index = readInt();
    if (index < 0 || index >= union.getTypes().size()) {
      throw new MalformedAvroException("union index " + index + " out of range for " + union);
    }
    return union.getTypes().get(index);
  }

  private void skipBlocks(Schema item, Schema key) {
    for (long count = readLong(); count != 0; count = readLong()) {
      if (count < 0) {
        long bytes = readLong(); // a block with its size in bytes
        if (bytes < 0 || bytes > limit - pos) {
          throw new MalformedAvroException(
              "a block of " + bytes + " byte(s) with " + (limit - pos) + " left");
        }
        pos += (int) bytes;
        continue;
      }
      for (long i = 0; i < count; i++) {
        if (key != null) {
          skip(key);
        }
        skip(item);
      }
    }
  }
}
