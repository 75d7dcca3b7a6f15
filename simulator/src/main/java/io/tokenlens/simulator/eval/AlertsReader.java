package io.tokenlens.simulator.eval;

import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code burn-alerts} (read_committed) from the beginning to the end offsets of the moment:
 * called once the findings have stopped arriving, when the job has caught up and its burn
 * evaluation has run.
 */
final class AlertsReader {
  private final EvaluationStack stack;
  private final StreamsAppConfig config;

  AlertsReader(EvaluationStack stack, StreamsAppConfig config) {
    this.stack = stack;
    this.config = config;
  }

  List<BurnAlert> readAll(Duration maxWait) {
    List<BurnAlert> alerts = new ArrayList<>();
    try (TopicSerdes serdes = new TopicSerdes(config.serdeProperties());
        KafkaConsumer<String, BurnAlert> consumer =
            OutputConsumer.fromBeginning(stack, config, serdes, Topics.BURN_ALERTS)) {
      Set<TopicPartition> partitions = consumer.assignment();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + maxWait.toNanos();
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, BurnAlert> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() != null) {
            alerts.add(r.value());
          }
        }
      }
    }
    return alerts;
  }
}
