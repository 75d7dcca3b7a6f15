package io.tokenlens.streams.alerts;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the repartition by subject ({@link SpendUpdate}); internal, never on a catalog
 * topic. A value starts with its format:
 *
 * <ul>
 *   <li>{@value #SUM}: a {@link SpendUpdate.Sum}, the USD as a double (9 bytes).
 *   <li>{@value #WATERMARK}: a {@link SpendUpdate.Watermark}, the partition as an int and the event
 *       time in epoch millis as a long (13 bytes).
 *   <li>no format byte, 8 bytes: a sum as a bare double, written before these formats; read as a
 *       sum, so a repartition written by an earlier version is read after an upgrade.
 * </ul>
 */
public final class SpendUpdateSerde implements Serde<SpendUpdate> {

  static final byte SUM = 1;
  static final byte WATERMARK = 2;
  private static final int BARE_DOUBLE = Double.BYTES;

  @Override
  public Serializer<SpendUpdate> serializer() {
    return (topic, update) -> update == null ? null : write(update);
  }

  @Override
  public Deserializer<SpendUpdate> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(SpendUpdate update) {
    if (update instanceof SpendUpdate.Watermark mark) {
      return ByteBuffer.allocate(13)
          .put(WATERMARK)
          .putInt(mark.partition())
          .putLong(mark.eventTime())
          .array();
    }
    return ByteBuffer.allocate(9).put(SUM).putDouble(((SpendUpdate.Sum) update).usd()).array();
  }

  static SpendUpdate read(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length == BARE_DOUBLE) {
      return new SpendUpdate.Sum(in.getDouble());
    }
    if (bytes.length == 9 && bytes[0] == SUM) {
      return new SpendUpdate.Sum(in.position(1).getDouble());
    }
    if (bytes.length == 13 && bytes[0] == WATERMARK) {
      in.position(1);
      return new SpendUpdate.Watermark(in.getInt(), in.getLong());
    }
    throw new SerializationException(
        "Cannot read a spend update: "
            + bytes.length
            + " bytes starting with "
            + (bytes.length == 0 ? "nothing" : "format " + bytes[0])
            + ", expected 9 of format "
            + SUM
            + ", 13 of format "
            + WATERMARK
            + " or a bare double");
  }
}
