package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineServicesTest {
  private final StackSettings stack = StackSettings.fromEnvironment(Path.of("/repo"), Map.of());
  private final ServiceSettings ports = ServiceSettings.fromEnvironment(stack, Map.of());
  private final ServiceSecrets secrets = new ServiceSecrets("key", "github", "pagerduty");

  @Test
  void shouldPassStreamsSettingsAsTheVariablesTheJobReads() {
    List<PipelineService> services =
        PipelineServices.of(
            stack,
            ports,
            secrets,
            Map.of("streams.detect.grace.ms", "3600000", "kafka.max.task.idle.ms", "10000"));

    PipelineService streams = services.get(1);
    assertThat(streams.environment())
        .containsEntry("TOKENLENS_STREAMS_DETECT_GRACE_MS", "3600000")
        .containsEntry("TOKENLENS_KAFKA_MAX_TASK_IDLE_MS", "10000")
        .containsEntry("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    assertThat(services.get(0).environment())
        .doesNotContainKey("TOKENLENS_STREAMS_DETECT_GRACE_MS");
    assertThat(services.get(2).environment())
        .doesNotContainKey("TOKENLENS_STREAMS_DETECT_GRACE_MS");
  }

  @Test
  void shouldStartTheStreamsJobWithItsDefaultsWhenNothingIsOverridden() {
    PipelineService streams = PipelineServices.of(stack, ports, secrets).get(1);

    assertThat(streams.environment()).doesNotContainKey("TOKENLENS_STREAMS_DETECT_GRACE_MS");
  }
}
