package io.tokenlens.ingest;

import io.tokenlens.ingest.publish.BackPressureException;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A publisher for tests: keeps what it is given, or refuses everything while {@link #down} is true. */
public final class RecordingPublisher implements Publisher {
  public final List<PendingRecord<?>> published = new CopyOnWriteArrayList<>();
  public volatile boolean down;
  public volatile boolean neverAcknowledge;

  @Override
  public CompletableFuture<Void> publish(List<? extends PendingRecord<?>> records) {
    if (down) {
      throw new BackPressureException("Kafka is down (test)");
    }
    if (neverAcknowledge) {
      return new CompletableFuture<>();
    }
    published.addAll(records);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public ReadinessReport ready(Duration timeout) {
    return new ReadinessReport(down ? List.of("kafka: down (test)") : List.of());
  }

  @Override
  public void close() {
  }
}
