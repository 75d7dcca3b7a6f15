package io.tokenlens.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentStackTest {

  @Test
  void shouldBeAbsentWhenNothingIsNamed() {
    assertThat(EnvironmentStack.fromEnvironment(Map.of())).isEmpty();
  }

  @Test
  void shouldUseTheNamedServices() {
    StackEndpoints endpoints =
        EnvironmentStack.fromEnvironment(
                Map.of(
                    "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                    "TOKENLENS_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:8123/default",
                    "TOKENLENS_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"))
            .orElseThrow()
            .endpoints();
    assertThat(endpoints.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(endpoints.schemaRegistryUrl()).contains("http://127.0.0.1:8081");
    assertThat(endpoints.origin()).isEqualTo("environment");
  }

  @Test
  void shouldTreatTheRegistryAsOptional() {
    StackEndpoints endpoints =
        EnvironmentStack.fromEnvironment(
                Map.of(
                    "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                    "TOKENLENS_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:8123/default"))
            .orElseThrow()
            .endpoints();
    assertThat(endpoints.schemaRegistryUrl()).isEqualTo(Optional.empty());
  }

  @Test
  void shouldRefuseHalfAConfiguration() {
    assertThatThrownBy(
            () ->
                EnvironmentStack.fromEnvironment(
                    Map.of("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")))
        .hasMessageContaining(
            "set both TOKENLENS_KAFKA_BOOTSTRAP_SERVERS and TOKENLENS_CLICKHOUSE_URL");
  }

  @Test
  void shouldRefuseANonJdbcClickHouseUrl() {
    assertThatThrownBy(
            () ->
                EnvironmentStack.fromEnvironment(
                    Map.of(
                        "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                        "TOKENLENS_CLICKHOUSE_URL", "http://127.0.0.1:8123")))
        .hasMessageContaining("must be a ClickHouse JDBC URL");
  }
}
