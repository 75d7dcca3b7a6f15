package io.tokenlens.simulator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ReplayHorizonTest {
  private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

  @Test
  void shouldBeTheEarliestOfEachPartitionsNewestRequestAsKafkaPlacesThem() {
    String early = "session-a";
    String late = sessionOnAnotherPartition(early, 6);

    Instant horizon =
        ReplayHorizon.of(
            List.of(
                request(early, NINE),
                request(late, NINE.plus(Duration.ofHours(1))),
                request(late, NINE.plus(Duration.ofHours(5)))),
            6);

    assertThat(horizon).as("the early session's partition holds later hours open").isEqualTo(NINE);
  }

  @Test
  void shouldFollowTheNewestRequestWhenOnePartitionHasEverything() {
    Instant horizon =
        ReplayHorizon.of(
            List.of(request("session-a", NINE), request("session-a", NINE.plusSeconds(60))), 6);

    assertThat(horizon).isEqualTo(NINE.plusSeconds(60));
    assertThat(ReplayHorizon.of(List.of(), 6)).isEqualTo(Instant.EPOCH);
  }

  /** A session id Kafka's own partitioner places on another partition than {@code session}'s. */
  private static String sessionOnAnotherPartition(String session, int partitions) {
    int taken = partition(session, partitions);
    return IntStream.range(0, 100)
        .mapToObj(i -> "session-" + i)
        .filter(s -> partition(s, partitions) != taken)
        .findFirst()
        .orElseThrow();
  }

  private static int partition(String key, int partitions) {
    return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
  }

  private static GeneratedEvent request(String session, Instant at) {
    TokenUsage usage = TokenUsages.aRequest().session(session).at(at).build();
    return new GeneratedEvent(Topics.TOKEN_USAGE, Topics.TOKEN_USAGE.key(usage), usage, at);
  }
}
