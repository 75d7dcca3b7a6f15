package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.registry.RegistryUnreachableException;
import io.tokenlens.schemas.registry.UnknownSchemaIdException;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The sink's use of the shared classification ({@code RegistryReadFailuresTest} covers it whole):
 * its configured unknown-id wait applies.
 */
class RegistryWaitTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void shouldWaitForTheRegistryAndForAnUnknownIdWithinTheConfiguredWaitButNotForBadBytes() {
    RegistryWait wait =
        new RegistryWait(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));
    UnknownSchemaIdException unknown =
        new UnknownSchemaIdException(7, "http://registry:8081/schemas/ids/7", "not found");

    assertThat(wait.shouldWait(new RegistryUnreachableException("refused", null), 0)).isTrue();
    assertThat(wait.shouldWait(unknown, 0)).isTrue();
    assertThat(wait.shouldWait(unknown, 59 * SECOND)).isTrue();
    assertThat(wait.shouldWait(unknown, 60 * SECOND)).isFalse();
    assertThat(wait.shouldWait(new SerializationException("not Avro"), 0)).isFalse();
  }
}
