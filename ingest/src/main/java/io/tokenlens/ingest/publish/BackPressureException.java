package io.tokenlens.ingest.publish;

/** Kafka (or the registry) cannot take records now; the client should retry later (HTTP 503). */
public final class BackPressureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackPressureException(String message, Throwable cause) {
    super(message, cause);
  }

  public BackPressureException(String message) {
    super(message);
  }
}
