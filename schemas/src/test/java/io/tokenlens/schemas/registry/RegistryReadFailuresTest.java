package io.tokenlens.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryReadFailuresTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final Duration MINUTE = Duration.ofSeconds(60);

  private static UnknownSchemaIdException unknown(int id) {
    return new UnknownSchemaIdException(
        id, "http://registry:8081/schemas/ids/" + id, "Schema " + id + " not found");
  }

  @Test
  void shouldReadAnUnknownSchemaIdAgainUntilTheWaitFromItsFirst404IsOver() {
    RegistryReadFailures failures = new RegistryReadFailures();

    assertThat(failures.readAgain(unknown(7), MINUTE, 0)).isTrue();
    assertThat(failures.readAgain(unknown(7), MINUTE, 59 * SECOND)).isTrue();
    assertThat(failures.readAgain(unknown(7), MINUTE, 60 * SECOND)).isFalse();
    assertThat(failures.readAgain(unknown(8), MINUTE, 61 * SECOND))
        .as("another id has its own wait")
        .isTrue();
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaIdAtOnceWithoutAWait() {
    assertThat(new RegistryReadFailures().readAgain(unknown(7), Duration.ZERO, 0)).isFalse();
  }

  @Test
  void shouldStopWaitingForFurtherIdsOnceItRemembersTheMaximum() {
    RegistryReadFailures failures = new RegistryReadFailures();
    for (int id = 0; id < RegistryReadFailures.MAX_UNKNOWN_IDS; id++) {
      assertThat(failures.readAgain(unknown(id), MINUTE, 0)).isTrue();
    }

    assertThat(failures.readAgain(unknown(RegistryReadFailures.MAX_UNKNOWN_IDS), MINUTE, 0))
        .isFalse();
    assertThat(failures.readAgain(unknown(0), MINUTE, SECOND))
        .as("a remembered id keeps its wait")
        .isTrue();
  }

  @Test
  void shouldReadAgainWhileTheRegistryFailsWhateverTheTimeButNeverForTheRecordsOwnFaults() {
    RegistryReadFailures failures = new RegistryReadFailures();
    RegistryUnreachableException unreachable =
        new RegistryUnreachableException("refused", new ConnectException("Connection refused"));

    assertThat(failures.readAgain(unreachable, Duration.ZERO, 0)).isTrue();
    assertThat(
            failures.readAgain(
                new SerializationException("reading the value", unreachable), Duration.ZERO, 0))
        .as("found among the causes")
        .isTrue();
    assertThat(
            failures.readAgain(
                new SchemaRegistryException("busy", 503, 50300), Duration.ZERO, 1_000 * SECOND))
        .isTrue();
    assertThat(
            failures.readAgain(
                new RegistryAuthenticationException("http://registry:8081", 401, "no"),
                Duration.ZERO,
                0))
        .isTrue();
    assertThat(failures.readAgain(new SchemaRegistryException("bad", 422, 42201), Duration.ZERO, 0))
        .isFalse();
    assertThat(failures.readAgain(new SerializationException("not Avro"), Duration.ZERO, 0))
        .isFalse();
  }
}
