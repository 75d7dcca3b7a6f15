package io.tokenlens.sink.rowbinary;

/**
 * Avro binary data that does not decode with its writer schema: truncated, or a value out of range.
 */
public final class MalformedAvroException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedAvroException(String message) {
    super(message);
  }
}
