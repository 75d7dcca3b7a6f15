package io.tokenlens.registry;

/** This instance does not hold the writer role; the write belongs to the instance that does. */
public final class NotWriterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotWriterException(String message) {
    super(message);
  }
}
