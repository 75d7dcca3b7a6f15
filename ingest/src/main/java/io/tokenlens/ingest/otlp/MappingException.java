package io.tokenlens.ingest.otlp;

/** An authentic record that cannot be mapped; it goes to the dead-letter topic with this reason. */
public final class MappingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MappingException(String message) {
    super(message);
  }
}
