package io.tokenlens.schemas.serde;

import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * One thread's output for framing records: a growable byte buffer (unsynchronised, unlike {@link
 * java.io.ByteArrayOutputStream}) and the Avro encoder writing into it, both kept from record to
 * record. {@link #start} writes the wire-format header, the caller encodes the value through {@link
 * #encoder()}, and {@link #framed()} copies out exactly the bytes written.
 */
final class FramedOutput extends OutputStream {

  /** Buffers grown past this by one large record are dropped again at the next record. */
  private static final int KEPT_CAPACITY = 64 * 1024;

  private static final int INITIAL_CAPACITY = 512;

  private byte[] buffer = new byte[INITIAL_CAPACITY];
  private int size;
  private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

  /** Empties the buffer and writes the header of {@code schemaId}. */
  void start(int schemaId) {
    if (buffer.length > KEPT_CAPACITY) {
      buffer = new byte[INITIAL_CAPACITY];
    }
    size = 0;
    ensure(WireFormat.HEADER_SIZE);
    buffer[0] = WireFormat.MAGIC_BYTE;
    buffer[1] = (byte) (schemaId >>> 24);
    buffer[2] = (byte) (schemaId >>> 16);
    buffer[3] = (byte) (schemaId >>> 8);
    buffer[4] = (byte) schemaId;
    size = WireFormat.HEADER_SIZE;
  }

  /** The encoder writing into this buffer; it writes through, without a buffer of its own. */
  BinaryEncoder encoder() {
    return encoder;
  }

  /** A copy of the bytes written since {@link #start}. */
  byte[] framed() {
    return Arrays.copyOf(buffer, size);
  }

  @Override
  public void write(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  private void ensure(int more) {
    int needed = size + more;
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }
}
