package io.tokenlens.simulator.eval;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of one of the streams job's output topics under the evaluation's prefix: every
 * partition assigned, from the beginning, read_committed (the job writes in transactions), no
 * group.
 */
final class OutputConsumer {
  private OutputConsumer() {}

  static <V extends SpecificRecord> KafkaConsumer<String, V> fromBeginning(
      EvaluationStack stack, StreamsAppConfig config, TopicSerdes serdes, Topic<V> topic) {
    Map<String, Object> c = InProcessPipeline.kafka(stack);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    String name = config.topicSettings().name(topic);
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), serdes.valueDeserializer(topic));
    List<TopicPartition> partitions =
        consumer.partitionsFor(name).stream()
            .map(p -> new TopicPartition(name, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
