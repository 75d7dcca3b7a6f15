package io.tokenlens.ingest.load;

import io.tokenlens.ingest.publish.Acknowledged;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Publishes a validated load in chunks, each acknowledged before the next, so a large file never
 * exceeds the publisher's buffer. A failure part-way leaves the earlier chunks published; loading
 * the same file again is harmless, because every record's key is derived from its content.
 */
public final class Batches {
  /** Records per chunk. */
  public static final int CHUNK = 1000;

  private Batches() {}

  /** Publishes every record; returns how many were acknowledged (all of them, or it throws). */
  public static int publish(
      Publisher publisher,
      List<? extends PendingRecord<?>> records,
      AuthenticatedBy authenticatedBy,
      Duration timeout)
      throws InterruptedException {
    return publish(publisher, records, authenticatedBy, timeout, n -> {});
  }

  /**
   * As {@link #publish(Publisher, List, AuthenticatedBy, Duration)}, telling {@code acknowledged}
   * the running count per chunk.
   */
  public static int publish(
      Publisher publisher,
      List<? extends PendingRecord<?>> records,
      AuthenticatedBy authenticatedBy,
      Duration timeout,
      IntConsumer acknowledged)
      throws InterruptedException {
    for (int from = 0; from < records.size(); from += CHUNK) {
      int to = Math.min(records.size(), from + CHUNK);
      Acknowledged.publish(publisher, records.subList(from, to), authenticatedBy, timeout);
      acknowledged.accept(to);
    }
    return records.size();
  }
}
