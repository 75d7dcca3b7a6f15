package io.tokenlens.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * The repartition by subject's values: sums and watermarks, and the bare doubles written before.
 */
class SpendUpdateSerdeTest {

  private final SpendUpdateSerde serde = new SpendUpdateSerde();

  @Test
  void shouldRoundTripASumAndAWatermarkEachWithItsFormatByte() {
    byte[] sum = serde.serializer().serialize("t", new SpendUpdate.Sum(1.25));
    byte[] mark = serde.serializer().serialize("t", new SpendUpdate.Watermark(5, 1_700_000_000L));

    assertThat(sum).hasSize(9).startsWith(SpendUpdateSerde.SUM);
    assertThat(mark).hasSize(13).startsWith(SpendUpdateSerde.WATERMARK);
    assertThat(serde.deserializer().deserialize("t", sum)).isEqualTo(new SpendUpdate.Sum(1.25));
    assertThat(serde.deserializer().deserialize("t", mark))
        .isEqualTo(new SpendUpdate.Watermark(5, 1_700_000_000L));
  }

  @Test
  void shouldReadABareDoubleWrittenBeforeTheFormatsAsASum() {
    byte[] before = Serdes.Double().serializer().serialize("t", 2.5);

    assertThat(serde.deserializer().deserialize("t", before)).isEqualTo(new SpendUpdate.Sum(2.5));
  }

  @Test
  void shouldRefuseAnUnknownFormat() {
    byte[] unknown = ByteBuffer.allocate(9).put((byte) 7).putDouble(1.0).array();

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", unknown))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("9 bytes starting with format 7");
  }
}
