package io.tokenlens.simulator.delivery;

import io.tokenlens.simulator.wire.HttpDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic delivery of the sources' requests: each is sent up to {@link #JITTER} late (so
 * neighbours arrive out of order within seconds), a fraction is delivered twice (the same body and
 * delivery id a few seconds later: an exporter's retry after a lost answer, a webhook redelivery),
 * and one OTLP log batch arrives {@link #LATE_BY} late (a laptop that went offline). Seeded.
 */
public final class DeliveryPlan {
  public static final Duration JITTER = Duration.ofSeconds(3);
  public static final Duration LATE_BY = Duration.ofMinutes(30);

  private DeliveryPlan() {}

  /** A plan and what it added. */
  public record Plan(List<HttpDelivery> deliveries, int duplicates, int lateBatches) {}

  public static Plan of(List<HttpDelivery> ordered, long seed, double duplicateRate) {
    SplittableRandom random = new SplittableRandom(seed ^ 0xDE11_7E57L);
    List<HttpDelivery> out = new ArrayList<>(ordered.size() + 16);
    int duplicates = 0;
    List<Integer> logBatches = new ArrayList<>();
    for (HttpDelivery d : ordered) {
      HttpDelivery jittered = d.sentAt(d.sentAt().plusMillis(random.nextLong(JITTER.toMillis())));
      if (jittered.kind().equals("otlp-logs")) {
        logBatches.add(out.size());
      }
      out.add(jittered);
      if (random.nextDouble() < duplicateRate) {
        out.add(jittered.sentAt(jittered.sentAt().plusMillis(1_000 + random.nextInt(20_000))));
        duplicates++;
      }
    }
    int late = 0;
    if (!logBatches.isEmpty()) {
      int i = logBatches.get(random.nextInt(logBatches.size()));
      out.set(i, out.get(i).sentAt(out.get(i).sentAt().plus(LATE_BY)));
      late = 1;
    }
    out.sort(Comparator.comparing(HttpDelivery::sentAt));
    return new Plan(out, duplicates, late);
  }
}
