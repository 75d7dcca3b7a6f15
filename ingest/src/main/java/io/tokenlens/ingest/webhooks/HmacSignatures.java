package io.tokenlens.ingest.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 webhook signatures over the raw body bytes, compared in constant time. */
public final class HmacSignatures {
  private HmacSignatures() {}

  public static byte[] hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}. */
  public static boolean verifyGitHub(String secret, byte[] body, String header) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    return matchesHex(hmacSha256(secret, body), header.substring("sha256=".length()).trim());
  }

  /**
   * PagerDuty v3: {@code X-PagerDuty-Signature: v1=<hex>,v1=<hex>} — several signatures while a
   * secret is rotated; any one matching suffices.
   */
  public static boolean verifyPagerDuty(String secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] expected = hmacSha256(secret, body);
    boolean any = false;
    for (String part : header.split(",")) {
      String p = part.trim();
      if (p.startsWith("v1=") && matchesHex(expected, p.substring(3).trim())) {
        any = true;
      }
    }
    return any;
  }

  private static boolean matchesHex(byte[] expected, String hex) {
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }
}
