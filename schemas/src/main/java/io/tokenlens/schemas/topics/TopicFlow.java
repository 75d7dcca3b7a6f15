package io.tokenlens.schemas.topics;

import java.util.Objects;

/**
 * Who writes a topic and who reads it, named by pipeline stage (ingest, streams, sink) and the part
 * of the stage that does it.
 *
 * @param producer the writer, e.g. "ingest: OTLP and `/v1/token-events`"
 * @param consumers the readers, e.g. "streams: enrichment; sink"
 */
public record TopicFlow(String producer, String consumers) {
  public TopicFlow {
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(consumers, "consumers");
    if (producer.isBlank() || consumers.isBlank()) {
      throw new IllegalArgumentException("a topic names its producer and its consumers");
    }
  }

  static TopicFlow of(String producer, String consumers) {
    return new TopicFlow(producer, consumers);
  }
}
