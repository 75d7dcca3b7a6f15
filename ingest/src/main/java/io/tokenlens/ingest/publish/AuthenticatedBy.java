package io.tokenlens.ingest.publish;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.schemas.topics.RecordHeaders;

/**
 * The credential a request was accepted with, as the header {@value RecordHeaders#AUTHENTICATED_BY}
 * of every record published for it. It comes from the authentication, never from the payload: a
 * payload claiming another {@code apiKeyId} or {@code userEmail} leaves it as it is, so spoofed
 * identities can be told from their sender.
 *
 * @param value the header's value; null publishes no header
 */
public record AuthenticatedBy(String value) {

  /**
   * Records published without a request credential: the command-line loaders and imports,
   * authentication off.
   */
  public static final AuthenticatedBy NOBODY = new AuthenticatedBy(null);

  /** Hex digits of the SHA-256 of a key id kept in its fingerprint (64 bits). */
  static final int FINGERPRINT_HEX_DIGITS = 16;

  /**
   * An API key, by the fingerprint of its configured id ({@code api-key:} and the first 16 hex
   * digits of the id's SHA-256): stable across restarts and instances, never the secret; {@link
   * #NOBODY} without a key.
   */
  public static AuthenticatedBy apiKey(String keyId) {
    return keyId == null ? NOBODY : new AuthenticatedBy("api-key:" + fingerprint(keyId));
  }

  /**
   * A webhook, by how its sender was verified, e.g. {@code github-signature}, {@code gitlab-token}.
   */
  public static AuthenticatedBy webhook(String verification) {
    return new AuthenticatedBy(verification);
  }

  /**
   * The fingerprint of an API key id: the first 16 hex digits of its SHA-256 ({@code sha256sum |
   * cut -c1-16}).
   */
  public static String fingerprint(String keyId) {
    return Hashes.sha256Hex(keyId).substring(0, FINGERPRINT_HEX_DIGITS);
  }

  /** Whether records get the header. */
  public boolean present() {
    return value != null;
  }
}
