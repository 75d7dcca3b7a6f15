package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SequenceSetTest {

  private final Serde<SequenceSet> serde = SequenceSet.serde();

  @Test
  void shouldHoldNumbersArrivingInAnyOrderAsOneRangeOnceTheGapsAreFilled() {
    List<Long> numbers = new ArrayList<>();
    for (long n = 0; n < 1_000; n++) {
      numbers.add(n);
    }
    Collections.shuffle(numbers, new Random(7));
    SequenceSet set = new SequenceSet();

    numbers.forEach(n -> assertThat(set.add(n)).isTrue());

    assertThat(set.ranges()).isEqualTo(1);
    assertThat(set.contains(0)).isTrue();
    assertThat(set.contains(999)).isTrue();
    assertThat(set.contains(1_000)).isFalse();
  }

  @Test
  void shouldRefuseANumberAlreadyAddedAndKeepGapsApart() {
    SequenceSet set = new SequenceSet();
    set.add(1);
    set.add(2);
    set.add(5);
    set.add(9);

    assertThat(set.add(2)).isFalse();
    assertThat(set.add(5)).isFalse();
    assertThat(set.ranges()).isEqualTo(3);
    assertThat(set.contains(3)).isFalse();
    assertThat(set.add(4)).isTrue();
    assertThat(set.add(3)).isTrue();
    assertThat(set.ranges()).isEqualTo(2);
  }

  @Test
  void shouldForgetTheLowestRangeBeyondItsBound() {
    SequenceSet set = new SequenceSet();
    for (long n = 0; n <= SequenceSet.MAX_RANGES; n++) {
      set.add(2 * n);
    }

    assertThat(set.ranges()).isEqualTo(SequenceSet.MAX_RANGES);
    assertThat(set.contains(0)).isFalse();
    assertThat(set.contains(2)).isTrue();
    assertThat(set.contains(2L * SequenceSet.MAX_RANGES)).isTrue();
  }

  @Test
  void shouldRoundTripThroughItsSerdeInAFewBytes() {
    SequenceSet set = new SequenceSet();
    for (long n = 1_000_000; n < 1_010_000; n++) {
      set.add(n);
    }
    set.add(5);
    set.add(Long.MAX_VALUE - 1);

    byte[] bytes = serde.serializer().serialize("t", set);
    SequenceSet back = serde.deserializer().deserialize("t", bytes);

    assertThat(bytes.length).isLessThan(32);
    assertThat(back.ranges()).isEqualTo(3);
    assertThat(back.contains(5)).isTrue();
    assertThat(back.contains(1_009_999)).isTrue();
    assertThat(back.contains(1_010_000)).isFalse();
    assertThat(back.contains(Long.MAX_VALUE - 1)).isTrue();
    assertThat(back.add(1_004_000)).isFalse();
  }

  @Test
  void shouldCopyIndependently() {
    SequenceSet set = new SequenceSet();
    set.add(1);
    SequenceSet copy = set.copy();
    copy.add(2);

    assertThat(set.contains(2)).isFalse();
    assertThat(copy.contains(1)).isTrue();
  }

  @Test
  void shouldRefuseAnUnknownVersionAndANegativeNumber() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 9");
    assertThatThrownBy(() -> new SequenceSet().add(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
