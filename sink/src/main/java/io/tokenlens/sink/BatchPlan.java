package io.tokenlens.sink;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed boundaries of one batch: a contiguous offset range of one partition of one topic. Committed to Kafka
 * as the offset metadata of the batch's first offset <em>before</em> the insert, so a sink that crashes after the
 * insert and before the final commit — or the instance that takes the partition over — rebuilds exactly the same
 * batch, and ClickHouse recognises its dedup token.
 *
 * @param firstOffset first offset of the batch (inclusive)
 * @param lastOffset last offset of the batch (inclusive)
 */
public record BatchPlan(long firstOffset, long lastOffset) {

  private static final String PREFIX = "tokenlens-sink:plan:";
  private static final Pattern METADATA = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)");

  public BatchPlan {
    if (firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException("Invalid batch range " + firstOffset + "-" + lastOffset);
    }
  }

  /** The offset-commit metadata recording this plan. */
  public String toMetadata() {
    return PREFIX + firstOffset + "-" + lastOffset;
  }

  /** The plan recorded in commit metadata, if any. */
  public static Optional<BatchPlan> fromMetadata(String metadata) {
    if (metadata == null) {
      return Optional.empty();
    }
    Matcher m = METADATA.matcher(metadata);
    return m.matches() ? Optional.of(new BatchPlan(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
        : Optional.empty();
  }

  /**
   * The {@code insert_deduplication_token} of this batch: table, topic, partition and range. Equal for every
   * attempt and replay of the batch, distinct for every other batch.
   */
  public String dedupToken(String table, String topic, int partition) {
    return table + "/" + topic + "/" + partition + "/" + firstOffset + "-" + lastOffset;
  }
}
