package io.tokenlens.streams.topology;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The job's own counters, registered as Kafka Streams metrics of group {@code
 * stream-tokenlens-metrics} with the tag {@code tokenlens-id=<operator>}: {@code <counter>-total}
 * and {@code <counter>-rate} per stream thread.
 */
public final class StreamsCounters {

  /** Scope of every counter. */
  public static final String SCOPE = "tokenlens";

  private StreamsCounters() {}

  /** The sensor counting {@code counter} for {@code operator}; record once per event. */
  public static Sensor counter(ProcessingContext context, String operator, String counter) {
    return context
        .metrics()
        .addRateTotalSensor(SCOPE, operator, counter, Sensor.RecordingLevel.INFO);
  }
}
