package io.tokenlens.simulator.delivery;

import io.tokenlens.simulator.wire.HttpDelivery;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Events per kind and requests per kind of a list of deliveries. */
public record Counts(Map<String, Long> events, Map<String, Long> requests) {

  public static Counts of(List<HttpDelivery> deliveries) {
    Map<String, Long> events = new TreeMap<>();
    Map<String, Long> requests = new TreeMap<>();
    for (HttpDelivery d : deliveries) {
      requests.merge(d.kind(), 1L, Long::sum);
      d.items().forEach((k, v) -> events.merge(k, (long) v, Long::sum));
    }
    return new Counts(events, requests);
  }

  public long totalEvents() {
    return events.values().stream().mapToLong(Long::longValue).sum();
  }

  public long events(String kind) {
    return events.getOrDefault(kind, 0L);
  }
}
