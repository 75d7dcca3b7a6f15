package io.tokenlens.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's VmRSS once a second in the background; keeps the peak and a time series
 * (every 10 s).
 */
final class RssWatch implements AutoCloseable {

  private final RssSampler sampler;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "rss-watch");
            t.setDaemon(true);
            return t;
          });
  private final List<Map<String, Object>> series = new ArrayList<>();
  private final long start = System.nanoTime();
  private long ticks;

  RssWatch(long pid) {
    this.sampler = new RssSampler(pid);
    timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  private synchronized void sample() {
    try {
      long rss = sampler.sample();
      if (ticks++ % 10 == 0) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("second", (System.nanoTime() - start) / 1_000_000_000L);
        m.put("rssMiB", rss >> 20);
        series.add(m);
      }
    } catch (IllegalStateException e) {
      // the process has exited: the peak so far stands
    }
  }

  long peak() {
    return sampler.peak();
  }

  synchronized List<Map<String, Object>> series() {
    return List.copyOf(series);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
