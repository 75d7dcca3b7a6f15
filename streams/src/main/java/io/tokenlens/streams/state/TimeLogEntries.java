package io.tokenlens.streams.state;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one {@link TimeLog} entry: a format version, then for each value in the order put
 * its event time (8 bytes), its length (4 bytes) and its serialized bytes.
 */
final class TimeLogEntries {

  static final byte VERSION = 1;
  private static final int HEADER = Long.BYTES + Integer.BYTES;

  /** What {@link #forEach} hands each value to. */
  interface Visitor {
    void accept(long time, byte[] value);
  }

  private TimeLogEntries() {}

  /**
   * {@code value} at {@code time} in this format, without the version byte: what {@link #concat}
   * appends.
   */
  static byte[] value(long time, byte[] value) {
    return ByteBuffer.allocate(HEADER + value.length)
        .putLong(time)
        .putInt(value.length)
        .put(value)
        .array();
  }

  /**
   * {@code entries} (null when empty) followed by {@code values}, values in this format without its
   * version byte.
   */
  static byte[] concat(byte[] entries, byte[] values) {
    byte[] base = entries == null ? new byte[] {VERSION} : entries;
    checkVersion(base);
    byte[] out = Arrays.copyOf(base, base.length + values.length);
    System.arraycopy(values, 0, out, base.length, values.length);
    return out;
  }

  /** Hands every value of {@code entries} to {@code visitor}, in the order put. */
  static void forEach(byte[] entries, Visitor visitor) {
    if (entries == null) {
      return;
    }
    checkVersion(entries);
    forEach(ByteBuffer.wrap(entries, 1, entries.length - 1), visitor);
  }

  /** As {@link #forEach(byte[], Visitor)}, over values without the version byte. */
  static void forEachUnversioned(byte[] values, Visitor visitor) {
    forEach(ByteBuffer.wrap(values), visitor);
  }

  private static void forEach(ByteBuffer b, Visitor visitor) {
    while (b.hasRemaining()) {
      if (b.remaining() < HEADER) {
        throw new IllegalStateException("a time-log entry ends inside a value's header");
      }
      long time = b.getLong();
      int length = b.getInt();
      if (length < 0 || length > b.remaining()) {
        throw new IllegalStateException(
            "a time-log value of " + length + " bytes with " + b.remaining() + " left");
      }
      byte[] value = new byte[length];
      b.get(value);
      visitor.accept(time, value);
    }
  }

  private static void checkVersion(byte[] entries) {
    if (entries.length == 0 || entries[0] != VERSION) {
      throw new IllegalStateException(
          "time-log entry of format "
              + (entries.length == 0 ? "none" : entries[0])
              + ", this version reads "
              + VERSION);
    }
  }
}
