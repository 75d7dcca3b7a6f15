package io.tokenlens.sink;

import io.tokenlens.sink.rowbinary.RowBinaryOutput;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * A batch of one partition with fixed boundaries: the records with offsets in {@code plan}, ready
 * to insert.
 *
 * @param partition the topic partition
 * @param mapping the table the rows go to
 * @param plan the offset range
 * @param records the records in the range (compaction or transaction markers may leave gaps)
 */
public record Batch(
    TopicPartition partition, TableMapping mapping, BatchPlan plan, List<BufferedRecord> records) {

  /** The dedup token of this batch. */
  public String dedupToken() {
    return plan.dedupToken(mapping.table(), partition.topic(), partition.partition());
  }

  /** The rows to insert (poison records excluded). */
  public List<BufferedRecord> insertable() {
    return records.stream().filter(r -> r.row() != null).toList();
  }

  /** The poison records. */
  public List<BufferedRecord> poison() {
    return records.stream().filter(BufferedRecord::poison).toList();
  }

  /** The insert body of {@code rows}: their RowBinary rows one after another. */
  public static byte[] body(List<BufferedRecord> rows) {
    return RowBinaryOutput.concat(rows.stream().map(BufferedRecord::row).toList());
  }

  /** The offset to commit once the batch is in ClickHouse. */
  public long nextOffset() {
    return plan.lastOffset() + 1;
  }
}
