package io.tokenlens.schemas.topics;

/** How a consumer (above all the ClickHouse sink) must treat the records of a topic. */
public enum TopicKind {
  /** Every record counts once; duplicates are recognised by the record's own id field. */
  APPEND,
  /**
   * The latest value per key wins, decided by the record's {@code version} field; a null value
   * deletes.
   */
  UPSERT
}
