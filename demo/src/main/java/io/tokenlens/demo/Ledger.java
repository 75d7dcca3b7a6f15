package io.tokenlens.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the collectors answered during a chaos run, per fault phase: the event ids and webhook
 * delivery ids accepted with a 2xx, and every other answer. Written by the traffic's senders from
 * many threads.
 */
final class Ledger {
  /** One phase's record. */
  static final class Phase {
    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private final Set<String> deliveries = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> answers = new TreeMap<>();
    private long unavailableWithoutRetryAfter;
    private long givenUp;

    Set<String> events() {
      return Set.copyOf(events);
    }

    Set<String> deliveries() {
      return Set.copyOf(deliveries);
    }

    /**
     * Non-2xx answers and failed connections by kind ({@code 503}, {@code connection}), counted.
     */
    synchronized Map<String, Long> answers() {
      return Map.copyOf(answers);
    }

    synchronized long unavailableWithoutRetryAfter() {
      return unavailableWithoutRetryAfter;
    }

    synchronized long givenUp() {
      return givenUp;
    }
  }

  private final Map<Fault, Phase> phases = new LinkedHashMap<>();

  synchronized Phase phase(Fault fault) {
    return phases.computeIfAbsent(fault, f -> new Phase());
  }

  /** The phases in the order they ran. */
  synchronized List<Map.Entry<Fault, Phase>> phases() {
    return new ArrayList<>(phases.entrySet());
  }

  void acceptedEvents(Fault fault, List<String> eventIds) {
    phase(fault).events.addAll(eventIds);
  }

  void acceptedDelivery(Fault fault, String deliveryId) {
    phase(fault).deliveries.add(deliveryId);
  }

  /**
   * A non-2xx answer ({@code "503"}) or a failed connection ({@code "connection"}); a 503 without
   * {@code Retry-After} is counted besides.
   */
  void answered(Fault fault, String kind, boolean unavailableWithoutRetryAfter) {
    Phase p = phase(fault);
    synchronized (p) {
      p.answers.merge(kind, 1L, Long::sum);
      if (unavailableWithoutRetryAfter) {
        p.unavailableWithoutRetryAfter++;
      }
    }
  }

  /** A request that was never accepted: refused for good, or not accepted before its deadline. */
  void gaveUp(Fault fault) {
    Phase p = phase(fault);
    synchronized (p) {
      p.givenUp++;
    }
  }
}
