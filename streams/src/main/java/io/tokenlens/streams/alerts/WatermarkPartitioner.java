package io.tokenlens.streams.alerts;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@code alerts-spend-by-subject}: a sum by its subject (the default partitioning of its
 * key), a watermark to every partition, as every alert task must know how far each summing task has
 * read.
 */
final class WatermarkPartitioner implements StreamPartitioner<String, SpendUpdate> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, SpendUpdate value, int numPartitions) {
    if (value instanceof SpendUpdate.Watermark) {
      return Optional.of(
          IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    return Optional.empty();
  }
}
