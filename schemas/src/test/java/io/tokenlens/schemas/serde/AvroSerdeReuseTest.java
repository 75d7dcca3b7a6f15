package io.tokenlens.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The serdes keep a buffer, an encoder and a decoder per thread from record to record. */
class AvroSerdeReuseTest {

  private static final String TOPIC = "token-usage";

  @Test
  void shouldFrameARecordExactlyAsAFreshEncoderAfterALargerOne() throws IOException {
    SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    SpecificAvroSerializer<TokenUsage> serializer = new SpecificAvroSerializer<>(registry);
    serializer.configure(Map.of(), false);
    TokenUsage large = AvroSerdeTest.usage();
    large.setModel("m".repeat(200_000));

    byte[] largeBytes = serializer.serialize(TOPIC, large);
    byte[] small = serializer.serialize(TOPIC, AvroSerdeTest.usage());

    int id = registry.lookup("token-usage-value", TokenUsage.getClassSchema());
    assertThat(largeBytes).hasSizeGreaterThan(200_000);
    assertThat(small).isEqualTo(freshlyFramed(id, AvroSerdeTest.usage()));
  }

  @Test
  void shouldKeepEachThreadsRecordsApartWhenThreadsShareTheSerde() throws Exception {
    SpecificAvroSerde<TokenUsage> serde =
        new SpecificAvroSerde<>(TokenUsage.class, new InMemorySchemaRegistryClient());
    serde.configure(Map.of(), false);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String thread = "thread-" + t;
        Callable<Integer> roundTrips =
            () -> {
              int wrong = 0;
              for (int i = 0; i < 2_000; i++) {
                TokenUsage sent = AvroSerdeTest.usage();
                sent.setEventId(thread + "-" + i);
                sent.setInputTokens((long) i);
                TokenUsage back =
                    serde
                        .deserializer()
                        .deserialize(TOPIC, serde.serializer().serialize(TOPIC, sent));
                if (!sent.equals(back)) {
                  wrong++;
                }
              }
              return wrong;
            };
        mismatches.add(threads.submit(roundTrips));
      }
      for (Future<Integer> thread : mismatches) {
        assertThat(thread.get()).isZero();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** The wire format written the plain way: a new stream, header, then a new encoder. */
  private static byte[] freshlyFramed(int schemaId, TokenUsage usage) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(WireFormat.header(schemaId));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<>(
            TokenUsage.getClassSchema(), SpecificData.getForClass(TokenUsage.class))
        .write(usage, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
