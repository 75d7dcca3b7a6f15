package io.tokenlens.streams.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class FanOutSerdeTest {

  private final AtomicInteger encoded = new AtomicInteger();
  private final Serializer<String> counting = (topic, value) -> {
    encoded.incrementAndGet();
    return (topic + "/" + value).getBytes(StandardCharsets.UTF_8);
  };
  private final Serde<String> serde = new FanOutSerde<>(Serdes.serdeFrom(counting, new StringDeserializer()));

  @Test
  void shouldEncodeTheSameValueOnceForConsecutiveRecordsOfOneTopic() {
    String value = new String("usage-1");
    byte[] first = serde.serializer().serialize("rollups", value);
    for (int dimension = 1; dimension < 5; dimension++) {
      assertThat(serde.serializer().serialize("rollups", value)).isSameAs(first);
    }
    assertThat(encoded).hasValue(1);
  }

  @Test
  void shouldEncodeAnEqualButDistinctValueAgain() {
    serde.serializer().serialize("rollups", new String("usage-1"));
    serde.serializer().serialize("rollups", new String("usage-1"));
    assertThat(encoded).hasValue(2);
  }

  @Test
  void shouldEncodeTheSameValueAgainForAnotherTopic() {
    String value = new String("usage-1");
    byte[] rollups = serde.serializer().serialize("rollups", value);
    byte[] other = serde.serializer().serialize("other", value);
    assertThat(new String(other, StandardCharsets.UTF_8)).isEqualTo("other/usage-1");
    assertThat(rollups).isNotEqualTo(other);
    assertThat(encoded).hasValue(2);
  }

  @Test
  void shouldPassNullThrough() {
    assertThat(serde.serializer().serialize("rollups", null)).isNotNull();
    assertThat(serde.serializer().serialize("rollups", null)).isNotNull();
    assertThat(encoded).hasValue(2);
  }
}
