package io.tokenlens.schemas.topics;

/** How many partitions a topic gets; the number itself comes from {@link TopicSettings}. */
public enum PartitionSizing {
  /**
   * Event streams: {@link TopicSettings#streamPartitions()} partitions, equal for every such topic.
   */
  STREAM,
  /**
   * One partition: small compacted reference data read whole (global tables) and dead-letter
   * topics.
   */
  SINGLE
}
