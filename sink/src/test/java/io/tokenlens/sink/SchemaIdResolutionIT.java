package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the sink resolves schema ids when the registry answers 404: for an id it has read, and one it
 * has not.
 */
@StackTest
class SchemaIdResolutionIT {

  private static final Duration WAIT = Waits.LONG;
  private static final String TABLE = "token_usage";

  @BeforeAll
  static void migrate(StackScope stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack, "migrate")) {
      h.migrate(h.config(Topics.TOKEN_USAGE_ENRICHED));
    }
  }

  @Test
  void shouldKeepDecodingASchemaItReadBeforeTheRegistryDeletedItForGood(StackScope stack)
      throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(stack, "deleted");
        SinkHarness h =
            new SinkHarness(stack, "deleted", registry.url())
                .createTopics(1, Topics.TOKEN_USAGE_ENRICHED)) {
      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("deleted-a", 100));
      SinkHarness.RunningSink sink = h.start(h.config(Topics.TOKEN_USAGE_ENRICHED));
      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'deleted-a-%'", 100, WAIT);

      registry.deletePermanently(h.topicName(Topics.TOKEN_USAGE_ENRICHED) + "-value");
      assertThat(registry.status("/schemas/ids/1")).isEqualTo(404);
      // the producer's client has the id cached too: these records carry the deleted id
      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("deleted-b", 100));

      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'deleted-%'", 200, WAIT);
      assertThat(sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, TABLE)).isZero();
      assertThat(registry.body("/subjects?deleted=true"))
          .as("nothing registered again")
          .isEqualTo("[]");
    }
  }

  @Test
  void shouldWaitForASchemaIdTheRegistryDoesNotKnowYetInsteadOfDeadLetteringIt(StackScope stack)
      throws Exception {
    try (EmbeddedRegistry writers = EmbeddedRegistry.start(stack, "writers");
        EmbeddedRegistry emptied = EmbeddedRegistry.start(stack, "emptied");
        FlakyRegistry proxy = new FlakyRegistry(emptied.url());
        SinkHarness h =
            new SinkHarness(stack, "unknown", writers.url())
                .createTopics(1, Topics.TOKEN_USAGE_ENRICHED)) {
      proxy.up();
      h.produce(
          Topics.TOKEN_USAGE_ENRICHED,
          SinkIT.usages("unknown", 50)); // id 1 of the writers' registry
      Map<String, String> config = h.config(Topics.TOKEN_USAGE_ENRICHED);
      config.put(SinkConfig.SCHEMA_REGISTRY_URL, proxy.url());
      config.put(SinkConfig.UNKNOWN_SCHEMA_ID_WAIT_MS, "600000");
      SinkHarness.RunningSink sink = h.start(config);

      Waits.until("the sink asking for id 1 three times", WAIT, proxy::notFound, n -> n >= 3);
      assertThat(sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, TABLE)).isZero();

      // the schema is registered again in the emptied registry, where it is the first one: id 1
      // again
      try (TopicSerdes restore = new TopicSerdes(Map.of("schema.registry.url", emptied.url()))) {
        restore
            .valueSerializer(Topics.TOKEN_USAGE_ENRICHED)
            .serialize(
                h.topicName(Topics.TOKEN_USAGE_ENRICHED), SinkIT.usages("restore", 1).get(0));
      }
      assertThat(emptied.status("/schemas/ids/1")).isEqualTo(200);

      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'unknown-%'", 50, WAIT);
      assertThat(sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, TABLE)).isZero();
    }
  }

  @Test
  void shouldDeadLetterOnlyTheRecordOfAnIdStillUnknownWhenTheWaitIsOver(StackScope stack)
      throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(stack, "stranger");
        FlakyRegistry proxy = new FlakyRegistry(registry.url());
        SinkHarness h =
            new SinkHarness(stack, "stranger", registry.url())
                .createTopics(1, Topics.TOKEN_USAGE_ENRICHED)) {
      proxy.up();
      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("stranger-a", 100));
      byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(424_242).putInt(7).array();
      h.produceRaw(Topics.TOKEN_USAGE_ENRICHED, "stranger-key", unknownId);
      h.produce(Topics.TOKEN_USAGE_ENRICHED, SinkIT.usages("stranger-b", 100));
      Map<String, String> config = h.config(Topics.TOKEN_USAGE_ENRICHED);
      config.put(SinkConfig.SCHEMA_REGISTRY_URL, proxy.url());
      config.put(SinkConfig.UNKNOWN_SCHEMA_ID_WAIT_MS, "1");
      SinkHarness.RunningSink sink = h.start(config);

      h.awaitNumber("SELECT count() FROM token_usage WHERE event_id LIKE 'stranger-%'", 200, WAIT);
      Waits.until(
          "one dead letter",
          WAIT,
          () -> sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, TABLE),
          n -> n >= 1);
      assertThat(sink.metrics().counter(SinkMetrics.DEAD_LETTERED_TOTAL, TABLE)).isEqualTo(1);
      assertThat(proxy.notFound())
          .as("asked again after the first 404, then given up")
          .isGreaterThanOrEqualTo(2);
    }
  }
}
