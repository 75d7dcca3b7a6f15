package io.tokenlens.streams.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import java.time.Instant;
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
 * The sums in a real task: the many requests of one session processed between two commits go out as
 * one part per key, in that commit, and the next commit starts from nothing. (The driver commits
 * after each input record, so here one input record stands for a poll's batch of requests.)
 */
class PrUsageSumsTaskTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * Forwards as many requests of the record's session as its value says, over two branches and two
   * minutes.
   */
  private static final class Requests implements Processor<String, Integer, String, TokenUsage> {
    private final List<Integer> partsSeenInProcess;
    private final List<PrUsagePart> parts;
    private ProcessorContext<String, TokenUsage> context;
    private int sent;

    Requests(List<Integer> partsSeenInProcess, List<PrUsagePart> parts) {
      this.partsSeenInProcess = partsSeenInProcess;
      this.parts = parts;
    }

    @Override
    public void init(ProcessorContext<String, TokenUsage> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, Integer> record) {
      for (int i = 0; i < record.value(); i++, sent++) {
        context.forward(record.withValue(request(record.key(), sent)));
      }
      partsSeenInProcess.add(parts.size());
    }
  }

  /** Keeps the parts forwarded to it. */
  private record Probe(List<PrUsagePart> parts)
      implements Processor<String, PrUsagePart, Void, Void> {
    @Override
    public void process(Record<String, PrUsagePart> record) {
      parts.add(record.value());
    }
  }

  @Test
  void shouldForwardOnePartPerKeyInTheCommitOfItsRequests() {
    List<Integer> partsSeenInProcess = new ArrayList<>();
    List<PrUsagePart> probed = new ArrayList<>();
    Topology topology = new Topology();
    topology.addSource(
        "in", Serdes.String().deserializer(), Serdes.Integer().deserializer(), "batches");
    topology.addProcessor("requests", () -> new Requests(partsSeenInProcess, probed), "in");
    topology.addProcessor("sums", PrUsageSums::new, "requests");
    topology.addStateStore(PrUsageSums.storeBuilder(), "sums");
    topology.addProcessor("probe", () -> new Probe(probed), "sums");
    topology.addSink(
        "out", "parts", Serdes.String().serializer(), new PrUsageSerde(null).serializer(), "sums");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      var in =
          driver.createInputTopic(
              "batches", Serdes.String().serializer(), Serdes.Integer().serializer());
      var out =
          driver.createOutputTopic(
              "parts", Serdes.String().deserializer(), new PrUsageSerde(null).deserializer());

      in.pipeInput("s-1", 30, T0);
      List<TestRecord<String, PrUsagePart>> first = out.readRecordsToList();
      in.pipeInput("s-1", 3, T0);
      List<TestRecord<String, PrUsagePart>> second = out.readRecordsToList();

      assertThat(partsSeenInProcess).containsExactly(0, 4); // nothing forwarded before its commit
      assertThat(first)
          .extracting(r -> summary(r.value()))
          .containsExactly(
              "main|m0|8|11200|0",
              "feature/x|m0|7|9800|2",
              "main|m1|8|12000|1",
              "feature/x|m1|7|10500|3");
      assertThat(first)
          .allSatisfy(
              r -> {
                assertThat(r.key()).isEqualTo("acme/api");
                assertThat(r.timestamp()).isEqualTo(r.value().sums().first.toEpochMilli());
              });
      // the next commit sums its own requests only (30, 31, 32)
      assertThat(second)
          .extracting(r -> summary(r.value()))
          .containsExactly("feature/x|m0|1|3000|30", "main|m0|1|3200|32", "feature/x|m1|1|3100|31");
      assertThat(driver.producedTopicNames())
          .containsExactly("parts"); // the sums have no changelog
    }
  }

  /**
   * Request {@code n}: branch main for n mod 4 in 0..1, minute n mod 2, input tokens 100 n, at
   * second n.
   */
  private static TokenUsage request(String session, int n) {
    String branch = n % 4 < 2 ? "main" : "feature/x";
    return TokenUsages.aRequest()
        .engineer("eng-1")
        .session(session)
        .repo("acme/api", branch)
        .tokens(100L * n, 0, 0, 0)
        .at(T0.plusSeconds(60L * (n % 2) + n))
        .build();
  }

  /** Branch, minute, requests, input tokens, and the number of the first request. */
  private static String summary(PrUsagePart p) {
    UnmatchedUsage.Part s = p.sums();
    long minute = (s.first.getEpochSecond() - T0.getEpochSecond()) / 60;
    long firstRequest = s.first.getEpochSecond() - T0.getEpochSecond() - 60 * minute;
    return s.branch + "|m" + minute + "|" + s.requests + "|" + s.inputTokens + "|" + firstRequest;
  }
}
