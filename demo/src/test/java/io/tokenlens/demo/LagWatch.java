package io.tokenlens.demo;

import io.tokenlens.localstack.StackSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Samples one consumer group's lag (records, {@link ConsumerLag}) on a thread of its own from a
 * fault on, to tell how long after it the group was caught up for good: lag at most {@code
 * caughtUp} records in every later sample.
 */
final class LagWatch implements AutoCloseable {
  private static final long SAMPLE_EVERY_MS = 250;

  private record Sample(long nanos, long lag) {}

  private final String group;
  private final long caughtUp;
  private final long startNanos = System.nanoTime();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private final LagReader reader;
  private volatile boolean running = true;

  LagWatch(StackSettings stack, String group, long caughtUp) {
    this.group = group;
    this.caughtUp = caughtUp;
    this.reader = new LagReader(stack);
    this.thread = new Thread(this::run, "lag-" + group);
    thread.start();
  }

  private void run() {
    while (running) {
      long at = System.nanoTime();
      long lag;
      try {
        lag = reader.lag().of(group);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        lag = Long.MAX_VALUE; // the cluster did not answer: not caught up
      }
      synchronized (samples) {
        samples.add(new Sample(at, lag));
      }
      long rest = SAMPLE_EVERY_MS - (System.nanoTime() - at) / 1_000_000;
      if (rest > 0) {
        try {
          Thread.sleep(rest); // the sampling period
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** How long the lag has been at most {@code caughtUp} in every sample, up to the last one. */
  Duration caughtUpFor() {
    synchronized (samples) {
      if (samples.isEmpty() || samples.get(samples.size() - 1).lag() > caughtUp) {
        return Duration.ZERO;
      }
      long last = samples.get(samples.size() - 1).nanos();
      return Duration.ofNanos(last - caughtUpSince().orElse(last));
    }
  }

  /** From the start of the watch to the first sample of the final caught-up run. */
  Duration recovery() {
    synchronized (samples) {
      return Duration.ofNanos(caughtUpSince().orElse(System.nanoTime()) - startNanos);
    }
  }

  /** The highest lag sampled in the last {@code window}. */
  long maxLagWithin(Duration window) {
    long from = System.nanoTime() - window.toNanos();
    synchronized (samples) {
      return samples.stream()
          .filter(s -> s.nanos() >= from)
          .mapToLong(Sample::lag)
          .max()
          .orElse(Long.MAX_VALUE);
    }
  }

  /** The last lag sampled, for progress lines. */
  long lastLag() {
    synchronized (samples) {
      return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).lag();
    }
  }

  /** The highest lag sampled; {@link Long#MAX_VALUE} when a sample found the cluster silent. */
  long maxLag() {
    synchronized (samples) {
      return samples.stream().mapToLong(Sample::lag).max().orElse(0);
    }
  }

  private Optional<Long> caughtUpSince() {
    Long since = null;
    for (Sample s : samples) {
      if (s.lag() > caughtUp) {
        since = null;
      } else if (since == null) {
        since = s.nanos();
      }
    }
    return Optional.ofNullable(since);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
    reader.close();
  }
}
