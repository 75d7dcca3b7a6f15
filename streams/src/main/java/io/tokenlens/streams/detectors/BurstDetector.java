package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.streams.config.DetectorConfig.Repeats;
import io.tokenlens.streams.state.TimeLog;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A detector of "at least N events of one subject within a window" over its own event and
 * occurrence stores.
 */
abstract class BurstDetector<V> implements Processor<String, V, String, WasteFinding> {

  protected final Repeats threshold;
  private final String eventsStore;
  private final String occurrencesStore;
  protected ProcessorContext<String, WasteFinding> context;
  protected BurstCounter bursts;

  BurstDetector(Repeats threshold, String eventsStore, String occurrencesStore) {
    this.threshold = threshold;
    this.eventsStore = eventsStore;
    this.occurrencesStore = occurrencesStore;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    bursts =
        new BurstCounter(
            threshold.count(),
            threshold.window().toMillis(),
            TimeLog.of(context.getStateStore(eventsStore), new SampleSerde()),
            new Occurrences(context.getStateStore(occurrencesStore)));
  }
}
