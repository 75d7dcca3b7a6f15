package io.tokenlens.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry call failed. Extends Kafka's {@link SerializationException} so that a serde can
 * let it pass unchanged and Kafka (producers, Streams' exception handlers) still treats it as a
 * serialisation failure.
 */
public class SchemaRegistryException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** HTTP status when the registry answered; -1 when it did not. */
  private final int httpStatus;

  /**
   * The registry's {@code error_code}, or the HTTP status when the body had none; -1 when it did
   * not answer.
   */
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }
}
