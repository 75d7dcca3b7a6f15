package io.tokenlens.sink;

/**
 * The fixed boundaries of one partition's batch: a contiguous offset range of one partition of one
 * topic. An insert carries one or several of them, recorded together as a {@link GroupPlan} before
 * the insert.
 *
 * @param firstOffset first offset of the batch (inclusive)
 * @param lastOffset last offset of the batch (inclusive)
 */
public record BatchPlan(long firstOffset, long lastOffset) {

  public BatchPlan {
    if (firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException("Invalid batch range " + firstOffset + "-" + lastOffset);
    }
  }

  /**
   * The {@code insert_deduplication_token} of this batch: table, topic, partition and range. Equal
   * for every attempt and replay of the batch, distinct for every other batch.
   */
  public String dedupToken(String table, String topic, int partition) {
    return table + "/" + topic + "/" + partition + "/" + firstOffset + "-" + lastOffset;
  }
}
