package io.tokenlens.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes tokenlens stores instead of content (prompts, tool parameters) and of API key ids. */
public final class Hashes {
  private Hashes() {}

  /** Lowercase hex SHA-256 of the UTF-8 bytes. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  /** The SHA-256 digest of the bytes. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * How an API key id is stored: {@code sha256:<hex>} of the id as the source sent it; null stays
   * null.
   */
  public static String apiKeyId(String raw) {
    return raw == null || raw.isBlank() ? null : "sha256:" + sha256Hex(raw.trim());
  }
}
