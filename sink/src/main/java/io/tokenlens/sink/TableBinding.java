package io.tokenlens.sink;

import io.tokenlens.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds each topic's rows to its table's columns and checks the table's dedup window ({@link
 * DedupWindow}), on a thread of its own, so that it runs while the consumer joins its group and
 * fetches the first records. ClickHouse unreachable is waited out with exponential backoff; a table
 * that is missing, does not fit its topic or keeps too small a dedup window fails the binding, and
 * with it the sink.
 */
final class TableBinding implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TableBinding.class);

  private final CompletableFuture<Map<String, WireRows>> bound = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts binding {@code mappings} (by topic); {@code partitions} is each topic's partition count,
   * which the dedup window must allow for.
   */
  TableBinding(
      Map<String, TableMapping> mappings,
      Map<String, Integer> partitions,
      ClickHouseWriter writer,
      SchemaRegistryClient registry,
      Duration initialBackoff,
      Duration maxBackoff) {
    this.thread =
        new Thread(
            () -> {
              try {
                bound.complete(
                    bind(mappings, partitions, writer, registry, initialBackoff, maxBackoff));
              } catch (RuntimeException | InterruptedException e) {
                bound.completeExceptionally(e);
              }
            },
            "sink-bind-tables");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Each topic's rows once every table is bound; empty while binding; the failure when binding
   * failed.
   */
  Optional<Map<String, WireRows>> rows() {
    if (!bound.isDone()) {
      return Optional.empty();
    }
    try {
      return Optional.of(bound.get());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the tables", e);
    }
  }

  private Map<String, WireRows> bind(
      Map<String, TableMapping> mappings,
      Map<String, Integer> partitions,
      ClickHouseWriter writer,
      SchemaRegistryClient registry,
      Duration initialBackoff,
      Duration maxBackoff)
      throws InterruptedException {
    DedupWindow window = new DedupWindow(writer);
    Map<String, WireRows> rows = new LinkedHashMap<>();
    Duration wait = initialBackoff;
    for (Map.Entry<String, TableMapping> e : mappings.entrySet()) {
      TableMapping mapping = e.getValue();
      while (!rows.containsKey(e.getKey())) {
        if (!running) {
          throw new InterruptedException("the sink stopped while binding " + mapping.table());
        }
        try {
          WireRows bound = new WireRows(writer.rows(mapping), registry);
          window.check(mapping.table(), partitions.get(e.getKey()));
          rows.put(e.getKey(), bound);
        } catch (IllegalArgumentException | IllegalStateException invalid) {
          throw invalid;
        } catch (RuntimeException unavailable) {
          log.warn(
              "Cannot read the columns of {} ({}); retrying in {} ms",
              mapping.table(),
              unavailable.toString(),
              wait.toMillis());
          Thread.sleep(wait.toMillis());
          wait = wait.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : wait.multipliedBy(2);
        }
      }
    }
    return rows;
  }

  /** Stops binding, if it still runs. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
