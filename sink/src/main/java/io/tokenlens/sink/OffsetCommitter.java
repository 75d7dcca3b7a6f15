package io.tokenlens.sink;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits offsets (and batch plans) for the sink's consumer; synchronous, so a failure is seen
 * before moving on.
 */
@FunctionalInterface
public interface OffsetCommitter {

  /** The committer the sink uses: {@code commitSync}. */
  OffsetCommitter SYNC = (consumer, offsets) -> consumer.commitSync(offsets);

  void commit(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets);
}
