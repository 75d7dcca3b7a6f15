package io.tokenlens.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The {@code tokenlens-authenticated-by} value of an API key id, computed here as the documentation
 * says ({@code printf %s <id> | sha256sum | cut -c1-16}), not with the code under test.
 */
public final class KeyFingerprints {
  private KeyFingerprints() {}

  public static String of(String keyId) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(keyId.getBytes(StandardCharsets.UTF_8));
    return "api-key:" + HexFormat.of().formatHex(digest).substring(0, 16);
  }
}
