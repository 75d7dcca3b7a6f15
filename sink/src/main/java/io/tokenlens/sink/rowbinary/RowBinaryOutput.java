package io.tokenlens.sink.rowbinary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A growable byte buffer with ClickHouse's RowBinary primitives: little-endian numbers, LEB128
 * lengths.
 */
public final class RowBinaryOutput {

  private byte[] buf;
  private int size;

  public RowBinaryOutput(int initialCapacity) {
    this.buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** A copy of what was written since the last {@link #reset()}. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  public void writeShort(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
  }

  public void writeInt(int v) {
    ensure(4);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 24);
  }

  public void writeLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  public void writeFloat(float v) {
    writeInt(Float.floatToRawIntBits(v));
  }

  /** An unsigned LEB128 number: string lengths and array sizes. */
  public void writeVarUInt(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** A String: its length, then its bytes. */
  public void writeBytes(byte[] bytes, int offset, int length) {
    writeVarUInt(length);
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
  }

  public void writeString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeBytes(b, 0, b.length);
  }

  /** Rows one after another, in one array of their total size: an insert body. */
  public static byte[] concat(List<byte[]> rows) {
    int size = 0;
    for (byte[] row : rows) {
      size = Math.addExact(size, row.length);
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (byte[] row : rows) {
      System.arraycopy(row, 0, out, pos, row.length);
      pos += row.length;
    }
    return out;
  }

  /** Raw bytes, no length prefix. */
  public void writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }
}
