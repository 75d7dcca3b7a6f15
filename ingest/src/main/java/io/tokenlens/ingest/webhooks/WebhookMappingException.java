package io.tokenlens.ingest.webhooks;

/**
 * An authentic webhook that cannot be mapped; it goes to the dead-letter topic with this reason.
 */
public final class WebhookMappingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WebhookMappingException(String message) {
    super(message);
  }
}
