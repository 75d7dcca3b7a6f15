package io.tokenlens.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP basic authentication against one {@code user:password}, compared in constant time. */
final class BasicAuth {
  private final byte[] expected;

  BasicAuth(String userAndPassword) {
    this.expected = userAndPassword.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether an {@code Authorization} header carries the configured credentials. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }
}
