package io.tokenlens.ingest.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last deliveries a webhook spooled, at most {@code capacity} of them (the oldest
 * forgotten first), so a delivery sent again (a retry, or a captured request replayed) is answered
 * without being spooled twice. Memory stays bounded whatever the senders send. Thread-safe.
 */
final class RecentDeliveries {
  private final Map<String, Boolean> ids;

  RecentDeliveries(int capacity) {
    this.ids =
        new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized boolean contains(String id) {
    return ids.containsKey(id);
  }

  /** Remembers a delivery once it is spooled. */
  synchronized void remember(String id) {
    ids.put(id, Boolean.TRUE);
  }
}
