package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.registry.RegistryUnreachableException;
import io.tokenlens.schemas.registry.SchemaRegistryException;
import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryWaitTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private static RegistryWait waitingFor(Duration unknownIdWait) {
    return new RegistryWait(Duration.ofMillis(100), Duration.ofSeconds(1), unknownIdWait);
  }

  private static UnknownSchemaIdException unknown(int id) {
    return new UnknownSchemaIdException(
        id, "http://registry:8081/schemas/ids/" + id, "Schema " + id + " not found");
  }

  @Test
  void shouldWaitForAnUnknownSchemaIdUntilTheWaitFromItsFirst404IsOver() {
    RegistryWait wait = waitingFor(Duration.ofSeconds(60));

    assertThat(wait.shouldWait(unknown(7), 0)).isTrue();
    assertThat(wait.shouldWait(unknown(7), 59 * SECOND)).isTrue();
    assertThat(wait.shouldWait(unknown(7), 60 * SECOND)).isFalse();
    assertThat(wait.shouldWait(unknown(7), 61 * SECOND)).isFalse();
    assertThat(wait.shouldWait(unknown(8), 61 * SECOND)).as("another id has its own wait").isTrue();
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaIdAtOnceWithoutAWait() {
    RegistryWait wait = waitingFor(Duration.ZERO);

    assertThat(wait.shouldWait(unknown(7), 0)).isFalse();
  }

  @Test
  void shouldStopWaitingForFurtherIdsOnceItRemembersTheMaximum() {
    RegistryWait wait = waitingFor(Duration.ofSeconds(60));
    for (int id = 0; id < RegistryWait.MAX_UNKNOWN_IDS; id++) {
      assertThat(wait.shouldWait(unknown(id), 0)).isTrue();
    }

    assertThat(wait.shouldWait(unknown(RegistryWait.MAX_UNKNOWN_IDS), 0)).isFalse();
    assertThat(wait.shouldWait(unknown(0), SECOND)).as("a remembered id keeps its wait").isTrue();
  }

  @Test
  void shouldWaitForTheRegistryWhateverTheTimeButNeverForTheRecordsOwnFaults() {
    RegistryWait wait = waitingFor(Duration.ZERO);

    assertThat(wait.shouldWait(new RegistryUnreachableException("refused", null), 0)).isTrue();
    assertThat(wait.shouldWait(new SchemaRegistryException("busy", 503, 50300), 1_000 * SECOND))
        .isTrue();
    assertThat(wait.shouldWait(new SchemaRegistryException("bad", 422, 42201), 0)).isFalse();
    assertThat(wait.shouldWait(new SerializationException("not Avro"), 0)).isFalse();
  }
}
