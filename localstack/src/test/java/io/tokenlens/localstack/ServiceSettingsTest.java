package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {
  private final StackSettings stack = StackSettings.fromEnvironment(Path.of("/repo"), Map.of());

  @Test
  void shouldDefaultToThePortsTheServicesUse() {
    ServiceSettings s = ServiceSettings.fromEnvironment(stack, Map.of());

    assertThat(s).isEqualTo(new ServiceSettings(4318, 4317, 9465, 9464));
    assertThat(s.ingestUrl()).isEqualTo("http://127.0.0.1:4318");
  }

  @Test
  void shouldReadTheServicesOwnPortVariables() {
    ServiceSettings s =
        ServiceSettings.fromEnvironment(
            stack,
            Map.of(
                "TOKENLENS_INGEST_HTTP_PORT",
                "24318",
                "TOKENLENS_INGEST_GRPC_PORT",
                "24317",
                "TOKENLENS_STREAMS_HEALTH_PORT",
                "29465",
                "TOKENLENS_SINK_METRICS_PORT",
                "29464"));

    assertThat(s).isEqualTo(new ServiceSettings(24318, 24317, 29465, 29464));
  }

  @Test
  void shouldReportEveryInvalidPortAtOnce() {
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(
                    stack,
                    Map.of(
                        "TOKENLENS_INGEST_HTTP_PORT",
                        "http",
                        "TOKENLENS_SINK_METRICS_PORT",
                        "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TOKENLENS_INGEST_HTTP_PORT must be a number, got 'http'")
        .hasMessageContaining(
            "TOKENLENS_SINK_METRICS_PORT must be a port between 1 and 65535, got 70000");
  }

  @Test
  void shouldRefuseAServicePortThatIsAlsoAStackPort() {
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(
                    stack, Map.of("TOKENLENS_SINK_METRICS_PORT", "8123")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ from each other and from the stack's ports");
  }
}
