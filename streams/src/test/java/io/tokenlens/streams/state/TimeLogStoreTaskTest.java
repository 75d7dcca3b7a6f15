package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A time log in a real task: its buffer reaches the changelog through the task's commit, before it
 * completes.
 */
class TimeLogStoreTaskTest {

  private static final String LOG = "events-log";

  /** Puts each record's value at its key and timestamp. */
  private static final class Recorder implements Processor<String, String, Void, Void> {
    private TimeLog<String> log;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      log = TimeLog.of(context.getStateStore(LOG), Serdes.String());
    }

    @Override
    public void process(Record<String, String> record) {
      log.put(record.key(), record.value(), record.timestamp());
    }
  }

  @Test
  void shouldWriteTheBufferToTheChangelogInEachCommit() {
    Topology topology = new Topology();
    topology.addSource(
        "in", Serdes.String().deserializer(), Serdes.String().deserializer(), "events");
    topology.addProcessor("record", Recorder::new, "in");
    topology.addStateStore(TimeLog.storeBuilder(LOG, 3_600_000L), "record");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      var in =
          driver.createInputTopic(
              "events", Serdes.String().serializer(), Serdes.String().serializer());
      var changelog =
          driver.createOutputTopic(
              "app-" + LOG + "-changelog",
              Serdes.ByteArray().deserializer(),
              Serdes.ByteArray().deserializer());
      in.pipeInput("s1", "a", 1_000L);
      in.pipeInput("s1", "b", 2_000L);

      List<TestRecord<byte[], byte[]>> written = changelog.readRecordsToList();
      assertThat(written).hasSize(2); // the driver commits after each record
      List<String> last = new ArrayList<>();
      TimeLogEntries.forEach(
          written.get(1).value(), (time, value) -> last.add(time + "=" + new String(value)));
      assertThat(last).containsExactly("1000=a", "2000=b");
    }
  }
}
