package io.tokenlens.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian integer,
 * then the Avro binary encoding of the value.
 */
public final class WireFormat {

  /** First byte of every framed value. */
  public static final byte MAGIC_BYTE = 0x0;

  /** Bytes before the Avro payload. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The 5-byte header for {@code schemaId}. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /**
   * The schema id of a framed value.
   *
   * @throws UnknownMagicByteException when the first byte is not the magic byte
   * @throws SerializationException when the value is shorter than the header
   */
  public static int schemaId(String topic, byte[] framed) {
    if (framed.length < HEADER_SIZE) {
      throw new SerializationException(
          "Record on topic '"
              + topic
              + "' has "
              + framed.length
              + " byte(s), fewer than the "
              + HEADER_SIZE
              + "-byte header of the Confluent wire format");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new UnknownMagicByteException(topic, framed[0] & 0xff);
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }
}
