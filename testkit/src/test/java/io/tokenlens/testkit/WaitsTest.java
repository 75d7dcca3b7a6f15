package io.tokenlens.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

  @Test
  void shouldReturnTheFirstValueThatSatisfiesTheCondition() {
    AtomicInteger reads = new AtomicInteger();

    int value =
        Waits.until("three reads", Duration.ofSeconds(10), reads::incrementAndGet, n -> n >= 3);

    assertThat(value).isEqualTo(3);
  }

  @Test
  void shouldNameWhatItAwaitedTheBoundAndTheLastValueWhenTheBoundPasses() {
    AtomicInteger reads = new AtomicInteger();

    assertThatThrownBy(
            () ->
                Waits.until(
                    "1,000 rows in token_usage",
                    Duration.ofMillis(600),
                    () -> {
                      reads.incrementAndGet();
                      return 10;
                    },
                    n -> n >= 1_000))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Waited ")
        .hasMessageContaining(
            "(bound 0 s) for 1,000 rows in token_usage; the last value read was 10");
  }

  @Test
  void shouldReportTheLastFailureWhenEveryReadThrew() {
    assertThatThrownBy(
            () ->
                Waits.until(
                    "the broker",
                    Duration.ofMillis(600),
                    () -> {
                      throw new IOException("connection refused");
                    },
                    v -> true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "for the broker; the last read failed: java.io.IOException: connection refused")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void shouldRecoverWhenAReadFailsAndALaterOneSucceeds() {
    AtomicInteger reads = new AtomicInteger();

    Waits.until(
        "a read after a failure",
        Duration.ofSeconds(10),
        () -> {
          if (reads.incrementAndGet() == 1) {
            throw new IOException("not yet");
          }
          return true;
        });

    assertThat(reads.get()).isEqualTo(2);
  }
}
