package io.tokenlens.simulator.alerts;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * How far a replay of simulated requests lets the streams job close burn hours. Each task that sums
 * spend reads one {@code token-usage} partition and forwards the newest request time it read; the
 * job closes an hour once every partition that has sent anything has passed its end plus the grace
 * ({@code AlertProcessor}, {@code UpstreamWatermarks}). So the horizon is the earliest of the
 * partitions' newest requests: a partition whose last session ended early holds every later hour
 * open, which the organisation's last request alone does not show.
 *
 * <p>Requests are placed as the collectors publish them: keyed by the catalog's key (the session),
 * partitioned by Kafka's default partitioner (murmur2 of the key, modulo the partitions). Keyless
 * requests go to any partition and are left out.
 */
public final class ReplayHorizon {
  private ReplayHorizon() {}

  /** The horizon on topics of the local stack's {@link TopicSettings#DEFAULT_STREAM_PARTITIONS}. */
  public static Instant of(List<GeneratedEvent> events) {
    return of(events, TopicSettings.DEFAULT_STREAM_PARTITIONS);
  }

  /** The earliest of the newest request times of each partition; EPOCH when there are none. */
  public static Instant of(List<GeneratedEvent> events, int partitions) {
    Map<Integer, Instant> newest = new HashMap<>();
    for (GeneratedEvent event : events) {
      if (event.topic() != Topics.TOKEN_USAGE || event.key() == null) {
        continue;
      }
      int partition =
          Utils.toPositive(Utils.murmur2(event.key().getBytes(StandardCharsets.UTF_8)))
              % partitions;
      newest.merge(partition, event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    return newest.values().stream().min(Instant::compareTo).orElse(Instant.EPOCH);
  }
}
