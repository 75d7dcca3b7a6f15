package io.tokenlens.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Collector API keys, checked in constant time: the presented token's SHA-256 is compared with
 * every configured secret's SHA-256 with {@link MessageDigest#isEqual}, and every key is compared
 * whatever matches, so the answer time says nothing about which key or how much of it matched. Each
 * key has a {@link Scope}.
 */
public final class ApiKeys {
  private final Map<ApiKey, byte[]> digests = new LinkedHashMap<>();

  /** Telemetry keys only. */
  public ApiKeys(Map<String, String> idToSecret) {
    this(idToSecret, Map.of());
  }

  /** Telemetry and admin keys, id to secret; ids are distinct across both. */
  public ApiKeys(Map<String, String> telemetry, Map<String, String> admin) {
    telemetry.forEach((id, secret) -> digests.put(new ApiKey(id, Scope.TELEMETRY), sha256(secret)));
    admin.forEach((id, secret) -> digests.put(new ApiKey(id, Scope.ADMIN), sha256(secret)));
  }

  /** The key whose secret is the bearer token of this {@code Authorization} header. */
  public Optional<ApiKey> authenticate(String authorizationHeader) {
    if (authorizationHeader == null) {
      return Optional.empty();
    }
    String value = authorizationHeader.trim();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    byte[] presented = sha256(value.substring(7).trim());
    ApiKey match = null;
    for (Map.Entry<ApiKey, byte[]> e : digests.entrySet()) {
      if (MessageDigest.isEqual(presented, e.getValue()) && match == null) {
        match = e.getKey();
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
