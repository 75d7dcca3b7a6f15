package io.tokenlens.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes do not start with the Confluent wire format's magic byte 0: they were not written by
 * such a serializer.
 */
public class UnknownMagicByteException extends SerializationException {

  private static final long serialVersionUID = 1L;

  public UnknownMagicByteException(String topic, int magicByte) {
    super(
        "Record on topic '"
            + topic
            + "' starts with byte "
            + magicByte
            + ", not the magic byte "
            + WireFormat.MAGIC_BYTE
            + " of the Confluent wire format: it was not written by an Avro serializer that "
            + "uses a schema registry");
  }
}
