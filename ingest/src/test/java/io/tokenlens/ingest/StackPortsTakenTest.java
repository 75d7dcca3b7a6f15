package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackPorts;
import org.junit.jupiter.api.Test;

/**
 * The unit tests run with every default port of the local stack taken ({@link StackPorts}), so each
 * test server of this module (the endpoint tests' {@code IngestServer}, the gRPC server, the test
 * registries) must bind a free port: {@code ./mvnw verify} passes while {@code ./tokenlens demo}
 * runs.
 */
class StackPortsTakenTest {

  @Test
  void shouldRunTheUnitTestsWithEveryDefaultPortOfTheLocalStackTaken() {
    assertThat(Boolean.getBoolean(StackPorts.PROPERTY))
        .as("surefire sets " + StackPorts.PROPERTY)
        .isTrue();
    assertThat(StackPorts.defaults())
        .contains(4317, 4318, 9092, 9093, 8081, 8123, 9464, 9465, 9466);
    assertThat(StackPorts.defaults())
        .allSatisfy(
            port ->
                assertThat(StackPorts.taken(port))
                    .as("port %d taken during the unit tests", port)
                    .isTrue());
  }
}
