package io.tokenlens.bench;

import java.time.Duration;

/**
 * What replacing the streams job by a new instance with no local state costs once the run is over:
 * the time from starting it to {@code /health} 200 (running, no store restoring), and what it
 * restored from the changelogs, as its {@code /metrics} report it.
 *
 * @param secondsToHealthy start of the new process to {@code /health} 200
 * @param restoredRecords records read back from the changelogs into its stores
 * @param restoringSeconds seconds during which at least one store was restoring
 */
record StreamsRestore(double secondsToHealthy, long restoredRecords, double restoringSeconds) {

  /** The restore of the benchmark's stores must finish within this bound. */
  static final Duration BOUND = Duration.ofMinutes(10);

  /** Replaces the stack's streams job by a new instance on an empty state directory. */
  static StreamsRestore measure(PipelineStack stack) throws Exception {
    long start = System.nanoTime();
    stack.restartStreamsFromChangelogs(BOUND);
    double seconds = (System.nanoTime() - start) / 1e9;
    StreamsRecordCounts metrics = StreamsRecordCounts.scrape(stack.streamsUrl("/metrics"));
    return new StreamsRestore(
        seconds,
        (long) metrics.value("tokenlens_streams_restored_records_total"),
        metrics.value("tokenlens_streams_restoring_seconds_total"));
  }

  /** Records restored per second of restoring. */
  double recordsPerSecond() {
    return restoringSeconds > 0 ? restoredRecords / restoringSeconds : 0;
  }
}
