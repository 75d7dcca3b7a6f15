package io.tokenlens.schemas.registry;

/** Values of {@code basic.auth.credentials.source}. */
public enum BasicAuthCredentialsSource {
  /** {@code user:password} from the user-info part of {@code schema.registry.url}, when present. */
  URL,
  /** {@code user:password} from {@code basic.auth.user.info}. */
  USER_INFO
}
