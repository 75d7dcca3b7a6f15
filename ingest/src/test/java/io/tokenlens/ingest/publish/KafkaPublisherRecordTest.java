package io.tokenlens.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.KeyFingerprints;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The Kafka record the publisher sends for a request's record. */
class KafkaPublisherRecordTest {

  @Test
  void shouldNameTheApiKeyByItsFingerprintInTheAuthenticatedByHeader() throws Exception {
    ProducerRecord<String, byte[]> record =
        KafkaPublisher.producerRecord(
            "token-usage", "s-1", new byte[] {1}, AuthenticatedBy.apiKey("laptop"));

    Header header = record.headers().lastHeader("tokenlens-authenticated-by");
    // printf %s laptop | sha256sum | cut -c1-16: the same whatever instance or run computes it
    assertThat(new String(header.value(), StandardCharsets.UTF_8))
        .isEqualTo("api-key:5eec0dc419aa8337")
        .isEqualTo(KeyFingerprints.of("laptop"));
    assertThat(record.headers().headers("tokenlens-authenticated-by")).hasSize(1);
  }

  @Test
  void shouldSendNoHeaderForRecordsPublishedWithoutACredential() {
    ProducerRecord<String, byte[]> record =
        KafkaPublisher.producerRecord("directory", "engineer:e-1", null, AuthenticatedBy.NOBODY);

    assertThat(record.headers().toArray()).isEmpty();
  }
}
