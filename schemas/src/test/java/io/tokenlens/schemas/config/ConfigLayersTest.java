package io.tokenlens.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLayersTest {

  private static final Map<String, String> DEFAULTS =
      Map.of("sink.batch.max.rows", "50000", "sink.group.id", "g");
  private static final Set<String> KNOWN =
      Set.of("sink.batch.max.rows", "sink.group.id", "clickhouse.url");

  @TempDir Path dir;

  @Test
  void shouldLetTheEnvironmentOverrideTheFileAndTheFileTheDefaults() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("sink.properties"), "sink.batch.max.rows = 100\nsink.group.id=from-file\n");

    Map<String, String> values =
        ConfigLayers.layer(
            DEFAULTS,
            KNOWN,
            "TOKENLENS_SINK_CONFIG",
            Map.of(
                "TOKENLENS_SINK_CONFIG", file.toString(), "TOKENLENS_SINK_BATCH_MAX_ROWS", " 7 "));

    assertThat(values)
        .containsEntry("sink.batch.max.rows", "7")
        .containsEntry("sink.group.id", "from-file");
  }

  @Test
  void shouldKeepTheDefaultsWhenNoFileIsNamed() {
    Map<String, String> values =
        ConfigLayers.layer(
            DEFAULTS, KNOWN, "TOKENLENS_SINK_CONFIG", Map.of("TOKENLENS_SINK_CONFIG", " "));

    assertThat(values).isEqualTo(DEFAULTS);
  }

  @Test
  void shouldSayWhichFileCannotBeRead() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> ConfigLayers.layer(DEFAULTS, KNOWN, missing, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.properties");
  }

  @Test
  void shouldPassClientFamiliesThroughButNotTheLaunchersVariables() {
    Map<String, String> values =
        ConfigLayers.fromEnvironment(
            KNOWN,
            Map.of(
                "TOKENLENS_KAFKA_SECURITY_PROTOCOL", "SSL",
                "TOKENLENS_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:p",
                "TOKENLENS_KAFKA_PORT", "9092",
                "TOKENLENS_KAFKA_HEAP", "1g",
                "TOKENLENS_SCHEMA_REGISTRY_PORT", "8081",
                "TOKENLENS_SCHEMA_REGISTRY_ADMIN_BASIC_AUTH", "ops:secret",
                "TOKENLENS_HOME", "/data",
                "TOKENLENS_CLICKHOUSE_URL", "http://127.0.0.1:8123/x"));

    assertThat(values)
        .containsOnly(
            Map.entry("kafka.security.protocol", "SSL"),
            Map.entry("schema.registry.basic.auth.user.info", "u:p"),
            Map.entry("clickhouse.url", "http://127.0.0.1:8123/x"));
  }

  @Test
  void shouldStillReadALaunchersVariableThatAServiceNamesAsItsKey() {
    Map<String, String> values =
        ConfigLayers.fromEnvironment(
            Set.of("schema.registry.port"), Map.of("TOKENLENS_SCHEMA_REGISTRY_PORT", "8081"));

    assertThat(values).containsOnly(Map.entry("schema.registry.port", "8081"));
  }
}
