package io.tokenlens.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

  private static final Map<String, String> MINIMAL_ENV =
      Map.of(
          "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
          "TOKENLENS_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081",
          "TOKENLENS_INGEST_API_KEYS", "collector-a=0123456789abcdef0123");

  @Test
  void shouldUseDefaultsInCodeWhenNothingElseIsSet() {
    IngestConfig config = IngestConfig.load(Optional.empty(), MINIMAL_ENV);

    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(4318);
    assertThat(config.requests().maxBodyBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(config.requests().publishTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
    assertThat(config.serdes()).containsEntry("schema.registry.url", "http://127.0.0.1:8081");
    assertThat(config.auth().apiKeys()).containsEntry("collector-a", "0123456789abcdef0123");
  }

  @Test
  void shouldServeOtlpGrpcOnLoopbackPort4317ByDefaultAndLetTheEnvironmentTurnItOff() {
    IngestConfig config = IngestConfig.load(Optional.empty(), MINIMAL_ENV);
    Map<String, String> env = new java.util.HashMap<>(MINIMAL_ENV);
    env.put("TOKENLENS_INGEST_GRPC_ENABLED", "false");

    assertThat(config.grpc().enabled()).isTrue();
    assertThat(config.grpc().host()).isEqualTo("127.0.0.1");
    assertThat(config.grpc().port()).isEqualTo(4317);
    assertThat(IngestConfig.load(Optional.empty(), env).grpc().enabled()).isFalse();
  }

  @Test
  void shouldRefuseOtlpGrpcOnTheHttpPort() {
    Map<String, String> values =
        Map.of(
            "ingest.http.port", "4318",
            "ingest.grpc.port", "4318",
            "ingest.grpc.enabled", "yes",
            "ingest.api.keys", "a=0123456789abcdef0123",
            "kafka.bootstrap.servers", "127.0.0.1:9092",
            "schema.registry.url", "http://127.0.0.1:8081");

    assertThatThrownBy(() -> IngestConfig.fromMap(values))
        .hasMessageContaining("ingest.grpc.enabled must be true or false but is 'yes'");
    Map<String, String> enabled = new java.util.HashMap<>(values);
    enabled.put("ingest.grpc.enabled", "true");
    assertThatThrownBy(() -> IngestConfig.fromMap(enabled))
        .hasMessageContaining("ingest.grpc.port: 4318 is also ingest.http.port");
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFileAndTheFileOverrideDefaults(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("ingest.properties");
    Files.writeString(
        file,
        "ingest.http.port=9000\ningest.max.body.bytes=1024\nkafka.linger.ms=20\n"
            + "topics.name.prefix=test.\n");
    Map<String, String> env = new java.util.HashMap<>(MINIMAL_ENV);
    env.put("TOKENLENS_INGEST_HTTP_PORT", "9001");
    env.put(
        "TOKENLENS_KAFKA_PORT", "9092"); // the local stack's own setting, not a producer setting

    IngestConfig config = IngestConfig.load(Optional.of(file), env);

    assertThat(config.http().port()).isEqualTo(9001);
    assertThat(config.requests().maxBodyBytes()).isEqualTo(1024);
    assertThat(config.kafka()).containsEntry("linger.ms", "20").doesNotContainKey("port");
    assertThat(config.topics().namePrefix()).isEqualTo("test.");
  }

  @Test
  void shouldReportEveryErrorAtOnce() {
    Map<String, String> values =
        Map.of(
            "ingest.http.port", "seventy",
            "ingest.max.body.bytes", "0",
            "ingest.auth.required", "maybe",
            "ingest.api.keys", "broken,short=abc",
            "kafka.acks", "1",
            "ingest.github.webhook.secret", "short",
            "ingest.spool.max.bytes", "10",
            "ingest.unknown.key", "x");

    assertThatThrownBy(() -> IngestConfig.fromMap(values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingest.http.port must be an integer but is 'seventy'")
        .hasMessageContaining("ingest.max.body.bytes must be between 1 and 2147483647 but is 0")
        .hasMessageContaining("ingest.auth.required must be true or false but is 'maybe'")
        .hasMessageContaining("entry 1 is not id=secret")
        .hasMessageContaining("the secret of key 'short' is shorter than 16 characters")
        .hasMessageContaining("kafka.acks: set by the service")
        .hasMessageContaining("ingest.unknown.key: unknown key")
        .hasMessageContaining("ingest.github.webhook.secret: shorter than 16 characters")
        .hasMessageContaining("ingest.spool.max.bytes must be at least 1048576 but is 10")
        .hasMessageContaining(
            "kafka.bootstrap.servers is required (environment variable TOKENLENS_KAFKA_BOOTSTRAP_SERVERS)")
        .hasMessageContaining(
            "schema.registry.url is required (environment variable TOKENLENS_SCHEMA_REGISTRY_URL)");
  }

  @Test
  void shouldRequireAnApiKeyUnlessAuthenticationIsTurnedOff() {
    Map<String, String> values =
        Map.of("kafka.bootstrap.servers", "k:9092", "schema.registry.url", "http://r");

    assertThatThrownBy(() -> IngestConfig.fromMap(values))
        .hasMessageContaining("no API key configured");
    Map<String, String> open = new java.util.HashMap<>(values);
    open.put("ingest.auth.required", "false");
    assertThat(IngestConfig.fromMap(open).auth().required()).isFalse();
  }

  @Test
  void shouldReadAdminKeysBesideTelemetryKeysAndRefuseAnIdInBoth() {
    Map<String, String> values =
        new java.util.HashMap<>(
            Map.of(
                "kafka.bootstrap.servers",
                "k:9092",
                "schema.registry.url",
                "http://r",
                "ingest.api.keys",
                "laptop=0123456789abcdef0123",
                "ingest.admin.api.keys",
                "hr-sync=fedcba98765432100123"));

    IngestConfig config = IngestConfig.fromMap(values);
    assertThat(config.auth().apiKeys()).containsOnlyKeys("laptop");
    assertThat(config.auth().adminApiKeys()).containsOnlyKeys("hr-sync");

    values.put("ingest.admin.api.keys", "laptop=fedcba98765432100123");
    assertThatThrownBy(() -> IngestConfig.fromMap(values))
        .hasMessageContaining("ingest.admin.api.keys: key id 'laptop' is also in ingest.api.keys");
  }

  @Test
  void shouldAcceptAnAdminKeyAloneAsTheConfiguredKey() {
    IngestConfig config =
        IngestConfig.fromMap(
            Map.of(
                "kafka.bootstrap.servers",
                "k:9092",
                "schema.registry.url",
                "http://r",
                "ingest.admin.api.keys",
                "demo=fedcba98765432100123"));

    assertThat(config.auth().apiKeys()).isEmpty();
    assertThat(config.auth().adminApiKeys()).containsOnlyKeys("demo");
    assertThat(config.webhooks().maxBodyBytes())
        .isEqualTo(1024 * 1024)
        .isLessThan(config.requests().maxBodyBytes());
  }

  @Test
  void shouldNeverPrintSecrets() {
    IngestConfig config = IngestConfig.load(Optional.empty(), MINIMAL_ENV);

    assertThat(config.toString()).contains("collector-a").doesNotContain("0123456789abcdef0123");
    Map<String, String> env = new java.util.HashMap<>(MINIMAL_ENV);
    env.put("TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET", "gh-secret-value-0123456789");
    IngestConfig withWebhook = IngestConfig.load(Optional.empty(), env);
    assertThat(withWebhook.webhooks().githubSecret()).isEqualTo("gh-secret-value-0123456789");
    assertThat(withWebhook.toString())
        .contains("githubWebhook=on")
        .doesNotContain("gh-secret-value");
    assertThat(withWebhook.webhooks().toString()).doesNotContain("gh-secret-value");
    assertThat(withWebhook.auth().toString())
        .contains("collector-a")
        .doesNotContain("0123456789abcdef0123");
  }

  @Test
  void shouldServeTheGitLabAndOpsgenieWebhooksOnlyWithTheirSecretsAndNeverPrintThem() {
    IngestConfig off = IngestConfig.load(Optional.empty(), MINIMAL_ENV);
    Map<String, String> env = new java.util.HashMap<>(MINIMAL_ENV);
    env.put("TOKENLENS_INGEST_GITLAB_WEBHOOK_SECRET", "gitlab-secret-value-0123");
    env.put("TOKENLENS_INGEST_OPSGENIE_WEBHOOK_TOKEN", "opsgenie-token-value-0123");
    IngestConfig on = IngestConfig.load(Optional.empty(), env);

    assertThat(off.webhooks().gitlabSecret()).isEmpty();
    assertThat(off.webhooks().opsgenieToken()).isEmpty();
    assertThat(off.webhooks().enabled()).isFalse();
    assertThat(on.webhooks().gitlabSecret()).isEqualTo("gitlab-secret-value-0123");
    assertThat(on.webhooks().opsgenieToken()).isEqualTo("opsgenie-token-value-0123");
    assertThat(on.webhooks().enabled()).isTrue();
    assertThat(on.toString())
        .contains("gitlabWebhook=on", "opsgenieWebhook=on")
        .doesNotContain("gitlab-secret-value", "opsgenie-token-value");
  }

  @Test
  void shouldRefuseShortGitLabAndOpsgenieSecretsTogether() {
    Map<String, String> values =
        Map.of(
            "kafka.bootstrap.servers",
            "k:9092",
            "schema.registry.url",
            "http://r",
            "ingest.auth.required",
            "false",
            "ingest.gitlab.webhook.secret",
            "short",
            "ingest.opsgenie.webhook.token",
            "tiny");

    assertThatThrownBy(() -> IngestConfig.fromMap(values))
        .hasMessageContaining("ingest.gitlab.webhook.secret: shorter than 16 characters")
        .hasMessageContaining("ingest.opsgenie.webhook.token: shorter than 16 characters");
  }
}
