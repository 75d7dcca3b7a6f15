package io.tokenlens.localstack;

/** A component of the local stack failed to start; the message names it and quotes its log. */
public final class StackException extends Exception {
  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }
}
