package io.tokenlens.ingest.webhooks;

import io.tokenlens.ingest.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Shared-secret tokens of senders that do not sign their bodies (GitLab's {@code X-Gitlab-Token}).
 * The SHA-256 digests of the presented and the configured token are compared with {@link
 * MessageDigest#isEqual}, so the time of the answer says nothing about how much of the token
 * matched, nor about its length.
 */
final class SecretTokens {
  private SecretTokens() {}

  static boolean matches(String configured, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest(configured), digest(presented));
  }

  private static byte[] digest(String token) {
    return Hashes.sha256(token.getBytes(StandardCharsets.UTF_8));
  }
}
