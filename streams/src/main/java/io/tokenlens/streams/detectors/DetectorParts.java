package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.state.TimeLog;
import io.tokenlens.streams.topology.TopologyContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The job's {@link TopologyContext} as the detectors use it: its builder, topics and serdes, the
 * detectors' thresholds; and what detector parts share: stores, repartitions and the sink.
 */
final class DetectorParts {

  final StreamsBuilder builder;
  final DetectorConfig config;
  final TopicSettings topics;
  final TopicSerdes serdes;

  DetectorParts(TopologyContext context) {
    this.builder = context.builder();
    this.config = context.config().detectors();
    this.topics = context.topics();
    this.serdes = context.serdes();
  }

  /**
   * Retention of a detector store looking {@code window} either side of an event, plus the grace.
   */
  long retention(Duration window) {
    return BurstCounter.retention(window.toMillis(), config.grace().toMillis());
  }

  /**
   * Adds a burst detector's event and occurrence stores; returns their names, then {@code shared}.
   */
  String[] burstStores(String events, String occurrences, long retention, String... shared) {
    logStore(events, retention);
    windowStore(occurrences, retention, Serdes.Long());
    List<String> names = new ArrayList<>(List.of(events, occurrences));
    names.addAll(List.of(shared));
    return names.toArray(String[]::new);
  }

  /**
   * Adds the store of the requests a session detector holds until its session settles, then the
   * detector's burst stores; returns the burst stores' names, then {@code shared}, then the pending
   * store's.
   */
  String[] settlingBurstStores(
      String events, String occurrences, String pending, long retention, String... shared) {
    keyValueStore(pending, new PendingRequestSerde());
    List<String> names =
        new ArrayList<>(List.of(burstStores(events, occurrences, retention, shared)));
    names.add(pending);
    return names.toArray(String[]::new);
  }

  /** Adds a window store of string keys, one value per key and time. */
  <V> void windowStore(String name, long retention, Serde<V> valueSerde) {
    Duration r = Duration.ofMillis(retention);
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(name, r, r, false), Serdes.String(), valueSerde));
  }

  /**
   * Adds the store of a {@link TimeLog}: every value put at a key and event time, kept for {@code
   * retention}.
   */
  void logStore(String name, long retention) {
    builder.addStateStore(TimeLog.storeBuilder(name, retention));
  }

  /** Adds a key-value store of string keys. */
  <V> void keyValueStore(String name, Serde<V> valueSerde) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
  }

  /**
   * Runs {@code detector}, named {@code name}, over {@code input} with {@code stores}; its findings
   * through {@code sink}.
   */
  <V> void detect(
      KStream<String, V> input,
      ProcessorSupplier<String, V, String, WasteFinding> detector,
      String name,
      String sink,
      String... stores) {
    toFindings(input.process(detector, Named.as(name), stores), sink);
  }

  /**
   * Repartitions {@code stream} through {@code name}, with the values of {@code topic}, into {@code
   * partitions}.
   */
  <V extends SpecificRecord> KStream<String, V> repartition(
      KStream<String, V> stream, String name, Topic<V> topic, int partitions) {
    return stream.repartition(
        Repartitioned.<String, V>as(name)
            .withKeySerde(Serdes.String())
            .withValueSerde(serdes.valueSerde(topic))
            .withNumberOfPartitions(partitions));
  }

  /** Writes {@code findings} to {@code waste-findings} through a sink named {@code sinkName}. */
  void toFindings(KStream<String, WasteFinding> findings, String sinkName) {
    findings.to(
        topics.name(Topics.WASTE_FINDINGS),
        Produced.with(Serdes.String(), serdes.valueSerde(Topics.WASTE_FINDINGS))
            .withName(sinkName));
  }
}
