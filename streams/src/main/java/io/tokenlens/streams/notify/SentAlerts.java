package io.tokenlens.streams.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The idempotency keys of the alerts one partition delivered last. They travel in the metadata of
 * the committed offset, so a restarted notifier (or the next owner of the partition) still skips an
 * alert id that appears on the topic again: at most {@value #CAPACITY} keys, well under the
 * broker's 4096-byte metadata limit.
 */
final class SentAlerts {

  static final int CAPACITY = 100;

  private final Deque<String> order = new ArrayDeque<>();
  private final Set<String> keys = new LinkedHashSet<>();

  /** The idempotency key of an alert id: the first 128 bits of its SHA-256, in hex. */
  static String keyOf(String alertId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(alertId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static SentAlerts fromMetadata(String metadata) {
    SentAlerts sent = new SentAlerts();
    if (metadata != null && !metadata.isBlank()) {
      Arrays.stream(metadata.split(",")).filter(k -> k.length() == 32).forEach(sent::add);
    }
    return sent;
  }

  boolean contains(String key) {
    return keys.contains(key);
  }

  void add(String key) {
    if (keys.add(key)) {
      order.addLast(key);
      if (order.size() > CAPACITY) {
        keys.remove(order.removeFirst());
      }
    }
  }

  String toMetadata() {
    return String.join(",", order);
  }
}
