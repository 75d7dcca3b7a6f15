package io.tokenlens.demo;

import io.tokenlens.localstack.StackSettings;

/**
 * Samples one consumer group's lag (records, {@link ConsumerLag}) on a thread of its own while a
 * fault runs, for the highest lag it reached.
 */
final class LagWatch implements AutoCloseable {
  private static final long SAMPLE_EVERY_MS = 250;

  private final String group;
  private final Thread thread;
  private final LagReader reader;
  private volatile boolean running = true;
  private volatile long maxLag;
  private volatile long lastLag = -1;

  LagWatch(StackSettings stack, String group) {
    this.group = group;
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
        lag = Long.MAX_VALUE; // the cluster did not answer
      }
      lastLag = lag;
      maxLag = Math.max(maxLag, lag);
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

  /** The last lag sampled, for progress lines; -1 before the first sample. */
  long lastLag() {
    return lastLag;
  }

  /** The highest lag sampled; {@link Long#MAX_VALUE} when a sample found the cluster silent. */
  long maxLag() {
    return maxLag;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
    reader.close();
  }
}
