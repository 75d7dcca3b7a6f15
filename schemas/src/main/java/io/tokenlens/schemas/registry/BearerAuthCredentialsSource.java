package io.tokenlens.schemas.registry;

/** Values of {@code bearer.auth.credentials.source}. */
public enum BearerAuthCredentialsSource {
  /** The token in {@code bearer.auth.token}. */
  STATIC_TOKEN
}
