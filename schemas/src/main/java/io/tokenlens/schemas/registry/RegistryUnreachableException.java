package io.tokenlens.schemas.registry;

/** No configured registry URL answered (connection refused, timeout, or 5xx) after every retry. */
public class RegistryUnreachableException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  public RegistryUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
