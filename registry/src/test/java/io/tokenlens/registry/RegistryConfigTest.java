package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void shouldDefaultToTheLocalStack() {
    RegistryConfig config = RegistryConfig.parse(new String[0], Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.topic()).isEqualTo("_schemas");
    assertThat(config.basicAuth()).isEmpty();
    assertThat(config.adminBasicAuth()).isEmpty();
    assertThat(config.maxRequestBytes()).isEqualTo(1 << 20);
    assertThat(config.transactionalId()).isEqualTo("tokenlens-schema-registry-writer._schemas");
  }

  @Test
  void shouldTakeTheLaunchersFlags() {
    RegistryConfig config =
        RegistryConfig.parse(
            new String[] {
              "--host",
              "127.0.0.1",
              "--port",
              "18081",
              "--bootstrap-servers",
              "127.0.0.1:19092",
              "--write-timeout-ms=5000",
              "--kafka",
              "request.timeout.ms=7000"
            },
            Map.of());

    assertThat(config.port()).isEqualTo(18081);
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.kafkaProperties()).containsEntry("request.timeout.ms", "7000");
  }

  @Test
  void shouldReadEnvironmentVariablesAndLetFlagsWin() {
    Map<String, String> env =
        Map.of(
            "TOKENLENS_SCHEMA_REGISTRY_PORT", "18082",
            "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092",
            "TOKENLENS_SCHEMA_REGISTRY_TOPIC", "_schemas-env");

    RegistryConfig fromEnv = RegistryConfig.parse(new String[0], env);
    RegistryConfig flagsWin = RegistryConfig.parse(new String[] {"--port", "18083"}, env);

    assertThat(fromEnv.port()).isEqualTo(18082);
    assertThat(fromEnv.bootstrapServers()).isEqualTo("127.0.0.1:29092");
    assertThat(fromEnv.topic()).isEqualTo("_schemas-env");
    assertThat(flagsWin.port()).isEqualTo(18083);
    assertThat(flagsWin.bootstrapServers()).isEqualTo("127.0.0.1:29092");
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    assertThatThrownBy(
            () ->
                RegistryConfig.parse(
                    new String[] {
                      "--host",
                      "0.0.0.0",
                      "--port",
                      "99999",
                      "--topic",
                      "bad topic",
                      "--basic-auth",
                      "nopassword",
                      "--colour",
                      "blue"
                    },
                    Map.of()))
        .isInstanceOf(RegistryConfig.InvalidConfigException.class)
        .hasMessageContaining("--host 0.0.0.0 is not a loopback address")
        .hasMessageContaining("--port must be between 0 and 65535 but is 99999")
        .hasMessageContaining("--topic 'bad topic' is not a valid Kafka topic name")
        .hasMessageContaining("--basic-auth needs user:password")
        .hasMessageContaining("unknown option '--colour'; known: --host, --port");
  }

  @Test
  void shouldTakeTheAdminCredentialsFromTheEnvironmentOrAFlag() {
    Map<String, String> env = Map.of("TOKENLENS_SCHEMA_REGISTRY_ADMIN_BASIC_AUTH", "ops:from-env");

    assertThat(RegistryConfig.parse(new String[0], env).adminBasicAuth()).contains("ops:from-env");
    assertThat(
            RegistryConfig.parse(new String[] {"--admin-basic-auth", "ops:from-flag"}, env)
                .adminBasicAuth())
        .contains("ops:from-flag");
  }

  @Test
  void shouldRefuseAdminCredentialsWithoutAPasswordOrEqualToTheOrdinaryOnes() {
    assertThatThrownBy(
            () -> RegistryConfig.parse(new String[] {"--admin-basic-auth", "ops"}, Map.of()))
        .hasMessageContaining("--admin-basic-auth needs user:password");
    assertThatThrownBy(
            () ->
                RegistryConfig.parse(
                    new String[] {"--basic-auth", "app:same", "--admin-basic-auth", "app:same"},
                    Map.of()))
        .hasMessageContaining("--admin-basic-auth must differ from --basic-auth");
  }

  @Test
  void shouldNotPrintThePasswords() {
    RegistryConfig config =
        RegistryConfig.parse(
            new String[] {"--basic-auth", "ops:s3cret", "--admin-basic-auth", "root:t0p-s3cret"},
            Map.of());

    assertThat(config.toString())
        .contains("ops:****")
        .contains("root:****")
        .doesNotContain("s3cret");
  }
}
