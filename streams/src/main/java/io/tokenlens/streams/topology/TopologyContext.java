package io.tokenlens.streams.topology;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.streams.config.StreamsAppConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * What every part of the topology is added with: the one builder, the job's configuration, its
 * topic catalog and serdes. Each package adds its part through {@code XxxTopology.add(context, <the
 * streams it reads>)}, returning the streams it produces.
 */
public final class TopologyContext {

  private final StreamsBuilder builder;
  private final StreamsAppConfig config;
  private final TopicSettings topics;
  private final TopicSerdes serdes;

  public TopologyContext(StreamsBuilder builder, StreamsAppConfig config) {
    this.builder = builder;
    this.config = config;
    this.topics = config.topicSettings();
    this.serdes = new TopicSerdes(config.serdeProperties());
  }

  public StreamsBuilder builder() {
    return builder;
  }

  public StreamsAppConfig config() {
    return config;
  }

  public TopicSettings topics() {
    return topics;
  }

  public TopicSerdes serdes() {
    return serdes;
  }

  /** The value serde of {@code topic}. */
  public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
    return serdes.valueSerde(topic);
  }
}
