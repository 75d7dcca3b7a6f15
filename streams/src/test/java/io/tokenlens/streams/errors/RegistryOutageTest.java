package io.tokenlens.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.topology.TopologyHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job reading {@code token-usage} through a real registry client over HTTP: a registry that is
 * stopped (connection refused) or answers 503 fails the read (the record is read again, and
 * processed once the registry is back), a record the registry cannot help with is dead-lettered.
 * The TopologyTestDriver does not write the handlers' dead-letter records, so the handler's answer
 * is checked directly for those.
 */
class RegistryOutageTest {
  private static final Instant AT = TopologyHarness.START.minusSeconds(60);

  @TempDir Path stateDir;

  private static TopologyHarness harness(Path stateDir, String registryUrl, long unknownIdWaitMs) {
    return new TopologyHarness(
        stateDir,
        Map.of(
            StreamsAppConfig.SCHEMA_REGISTRY_URL,
            registryUrl,
            StreamsAppConfig.UNKNOWN_SCHEMA_ID_WAIT_MS,
            Long.toString(unknownIdWaitMs)));
  }

  private static TestInputTopic<String, byte[]> rawUsage(TopologyHarness h) {
    return h.driver()
        .createInputTopic(
            h.name(Topics.TOKEN_USAGE), new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * The record as a collector wrote it: Confluent wire format with the id {@code registry}
   * assigned.
   */
  private static byte[] written(HttpRegistry registry, TopologyHarness h, TokenUsage usage) {
    try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry.url()))) {
      return serdes
          .valueSerializer(Topics.TOKEN_USAGE)
          .serialize(h.name(Topics.TOKEN_USAGE), usage);
    }
  }

  /** How the registry fails while a good record is read. */
  enum Outage {
    ANSWERS_503 {
      @Override
      void begin(HttpRegistry registry) {
        registry.failWith503(true);
      }

      @Override
      void end(HttpRegistry registry) {
        registry.failWith503(false);
      }
    },
    STOPPED {
      @Override
      void begin(HttpRegistry registry) {
        registry.stop();
      }

      @Override
      void end(HttpRegistry registry) throws IOException {
        registry.start();
      }
    };

    abstract void begin(HttpRegistry registry);

    abstract void end(HttpRegistry registry) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(Outage.class)
  void shouldNotDeadLetterAGoodRecordWhileTheRegistryFailsAndProcessItOnceItIsBack(Outage outage)
      throws Exception {
    TokenUsage usage = TokenUsages.aRequest().at(AT).build();
    try (HttpRegistry registry = new HttpRegistry();
        TopologyHarness h = harness(stateDir, registry.url(), 60_000)) {
      byte[] value = written(registry, h, usage);
      String key = Topics.TOKEN_USAGE.key(usage);
      // a poison record first: its dead letter leaves the DeadLetter schema's id in the job's
      // client, as in a job that has run for a while, so that nothing but the handler's choice
      // keeps a good record out of the DLQ
      rawUsage(h).pipeInput("poison", "not the wire format".getBytes(StandardCharsets.UTF_8), AT);
      outage.begin(registry);

      assertThatThrownBy(() -> rawUsage(h).pipeInput(key, value, AT))
          .hasStackTraceContaining(
              outage == Outage.ANSWERS_503 ? "503" : "RegistryUnreachableException");
      assertThat(h.enriched.isEmpty()).isTrue();

      outage.end(registry);
      rawUsage(h).pipeInput(key, value, AT); // read again, as after the stream thread is replaced

      assertThat(h.enriched.readValuesToList())
          .extracting(TokenUsage::getEventId)
          .contains(usage.getEventId());
    }
  }

  /**
   * The exception the job's own deserializer throws for {@code value}, read through {@code
   * registryUrl}.
   */
  private static Exception readFailure(String registryUrl, byte[] value) {
    try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registryUrl))) {
      serdes.valueDeserializer(Topics.TOKEN_USAGE).deserialize("t.token-usage", value);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("the record was read");
  }

  private static DeadLetterDeserializationHandler handler(
      String registryUrl, long unknownIdWaitMs) {
    DeadLetterDeserializationHandler handler =
        new DeadLetterDeserializationHandler(
            new RegistryOutages(Duration.ofMillis(10), Duration.ofMillis(50)));
    handler.configure(
        Map.of(
            "schema.registry.url",
            registryUrl,
            TopicSettings.NAME_PREFIX,
            "t.",
            StreamsAppConfig.UNKNOWN_SCHEMA_ID_WAIT_MS,
            Long.toString(unknownIdWaitMs)));
    return handler;
  }

  private static DeserializationExceptionHandler.Response handle(
      DeadLetterDeserializationHandler handler, byte[] value, Exception failure) {
    return handler.handleError(
        null,
        new ConsumerRecord<>("t.token-usage", 0, 7L, "k".getBytes(StandardCharsets.UTF_8), value),
        failure);
  }

  @Test
  void shouldFailTheReadInsteadOfDeadLetteringWhileTheRegistryAnswers503() throws Exception {
    try (HttpRegistry registry = new HttpRegistry()) {
      byte[] value;
      try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry.url()))) {
        value =
            serdes
                .valueSerializer(Topics.TOKEN_USAGE)
                .serialize("t.token-usage", TokenUsages.aRequest().build());
      }
      DeadLetterDeserializationHandler handler = handler(registry.url(), 60_000);
      byte[] poison = "not the wire format".getBytes(StandardCharsets.UTF_8);
      handle(
          handler,
          poison,
          readFailure(registry.url(), poison)); // the DeadLetter schema's id is now known
      registry.failWith503(true);

      DeserializationExceptionHandler.Response response =
          handle(handler, value, readFailure(registry.url(), value));

      assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
      assertThat(response.deadLetterQueueRecords()).isEmpty();
    }
  }

  @Test
  void shouldFailTheReadInsteadOfDeadLetteringWhileTheRegistryIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String down = "http://127.0.0.1:" + closedPort;
    byte[] value = ByteBuffer.allocate(9).put((byte) 0).putInt(1).putInt(42).array();

    DeserializationExceptionHandler.Response response =
        handle(handler(down, 60_000), value, readFailure(down, value));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldFailAProcessorFailureCausedByTheRegistryButDeadLetterTheRecordsOwnFault()
      throws Exception {
    try (HttpRegistry registry = new HttpRegistry()) {
      DeadLetterProcessingHandler handler =
          new DeadLetterProcessingHandler(
              new RegistryOutages(Duration.ofMillis(10), Duration.ofMillis(50)));
      handler.configure(
          Map.of("schema.registry.url", registry.url(), TopicSettings.NAME_PREFIX, "t."));
      ErrorHandlerContext context =
          new DefaultErrorHandlerContext(
              null,
              "t.token-usage",
              0,
              7L,
              new RecordHeaders(),
              "enrich",
              new TaskId(0, 0),
              0L,
              "k".getBytes(StandardCharsets.UTF_8),
              "v".getBytes(StandardCharsets.UTF_8));

      ProcessingExceptionHandler.Response ownFault =
          handler.handleError(context, null, new IllegalArgumentException("no such model"));
      assertThat(ownFault.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
      assertThat(ownFault.deadLetterQueueRecords())
          .singleElement()
          .satisfies(r -> assertThat(r.topic()).isEqualTo("t.token-usage-dlq"));

      registry.stop();
      Exception storeWrite; // a value the processor writes, whose schema the job has not resolved
      try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry.url()))) {
        storeWrite =
            org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () ->
                    serdes
                        .valueSerializer(Topics.TOKEN_USAGE)
                        .serialize("t.token-usage", TokenUsages.aRequest().build()));
      }
      ProcessingExceptionHandler.Response registryDown =
          handler.handleError(context, null, storeWrite);

      assertThat(registryDown.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
      assertThat(registryDown.deadLetterQueueRecords()).isEmpty();
    }
  }

  @Test
  void shouldDeadLetterBytesThatAreNotTheWireFormatOrDoNotDecode() throws Exception {
    try (HttpRegistry registry = new HttpRegistry()) {
      byte[] notWireFormat = "not the wire format".getBytes(StandardCharsets.UTF_8);
      int id;
      try (TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry.url()))) {
        id =
            ByteBuffer.wrap(
                    serdes
                        .valueSerializer(Topics.TOKEN_USAGE)
                        .serialize("t.token-usage", TokenUsages.aRequest().build()))
                .getInt(1);
      }
      byte[] undecodable =
          ByteBuffer.allocate(7).put((byte) 0).putInt(id).put((byte) 0xff).put((byte) 0xff).array();
      DeadLetterDeserializationHandler handler = handler(registry.url(), 60_000);

      for (byte[] poison : new byte[][] {notWireFormat, undecodable}) {
        DeserializationExceptionHandler.Response response =
            handle(handler, poison, readFailure(registry.url(), poison));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords())
            .singleElement()
            .satisfies(r -> assertThat(r.topic()).isEqualTo("t.token-usage-dlq"));
      }
    }
  }

  @Test
  void shouldDeadLetterAnIdTheRegistryAnswers404ForOnlyAfterTheWait() throws Exception {
    try (HttpRegistry registry = new HttpRegistry()) {
      byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_652).putInt(42).array();
      Exception failure = readFailure(registry.url(), unknownId);
      DeadLetterDeserializationHandler waiting = handler(registry.url(), 300);

      assertThat(handle(waiting, unknownId, failure).result())
          .isEqualTo(DeserializationExceptionHandler.Result.FAIL);
      org.awaitility.Awaitility.await("the unknown-id wait to pass")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  handle(waiting, unknownId, failure).result()
                      == DeserializationExceptionHandler.Result.RESUME);
      byte[] otherId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_651).putInt(42).array();
      assertThat(
              handle(handler(registry.url(), 0), otherId, readFailure(registry.url(), otherId))
                  .deadLetterQueueRecords())
          .hasSize(1);
    }
  }
}
