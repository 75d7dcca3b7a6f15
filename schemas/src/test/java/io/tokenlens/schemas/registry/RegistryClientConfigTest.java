package io.tokenlens.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

  @Test
  void shouldAcceptACommaSeparatedUrlList() {
    RegistryClientConfig config =
        RegistryClientConfig.fromConfig(
            Map.of("schema.registry.url", "http://a:8081/, https://b:8082"));

    assertThat(config.urls())
        .containsExactly(URI.create("http://a:8081"), URI.create("https://b:8082"));
    assertThat(config.authorization()).isEmpty();
  }

  @Test
  void shouldUseTheDocumentedDefaults() {
    RegistryClientConfig config = RegistryClientConfig.of("http://127.0.0.1:8081");

    assertThat(config.retry())
        .isEqualTo(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(5000)));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.latestCacheTtl()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void shouldListValidValuesOfAnUnknownCredentialsSource() {
    assertThatThrownBy(
            () ->
                RegistryClientConfig.fromConfig(
                    Map.of(
                        "schema.registry.url",
                        "http://a:1",
                        "basic.auth.credentials.source",
                        "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "basic.auth.credentials.source must be one of URL, USER_INFO but is 'SASL_INHERIT'");
  }

  @Test
  void shouldReportEveryErrorAtOnce() {
    assertThatThrownBy(
            () ->
                RegistryClientConfig.fromConfig(
                    Map.of(
                        "bearer.auth.credentials.source",
                        "OAUTHBEARER",
                        "max.retries",
                        "-1",
                        "http.read.timeout.ms",
                        "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url is required")
        .hasMessageContaining(
            "bearer.auth.credentials.source must be one of STATIC_TOKEN but is 'OAUTHBEARER'")
        .hasMessageContaining("max.retries must be at least 0 but is -1")
        .hasMessageContaining("http.read.timeout.ms must be an integer but is 'soon'");
  }

  @Test
  void shouldRefuseUserInfoWithoutPassword() {
    assertThatThrownBy(
            () ->
                RegistryClientConfig.fromConfig(
                    Map.of(
                        "schema.registry.url",
                        "http://a:1",
                        "basic.auth.credentials.source",
                        "USER_INFO",
                        "basic.auth.user.info",
                        "justuser")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'user:password'");
  }

  @Test
  void shouldRefuseBasicAndBearerTogether() {
    assertThatThrownBy(
            () ->
                RegistryClientConfig.fromConfig(
                    Map.of(
                        "schema.registry.url",
                        "http://a:1",
                        "basic.auth.credentials.source",
                        "USER_INFO",
                        "basic.auth.user.info",
                        "u:p",
                        "bearer.auth.token",
                        "t")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not both");
  }

  @Test
  void shouldNeverPrintCredentials() {
    RegistryClientConfig config =
        RegistryClientConfig.fromConfig(
            Map.of("schema.registry.url", "http://a:1", "bearer.auth.token", "very-secret"));

    assertThat(config.toString()).doesNotContain("very-secret").contains("<redacted>");
  }

  @Test
  void shouldAcceptPrefixedKeys() {
    RegistryClientConfig config =
        RegistryClientConfig.fromConfig(
            Map.of("schema.registry.url", "http://a:1", "schema.registry.bearer.auth.token", "t"));

    assertThat(config.authorization()).contains("Bearer t");
  }

  @Test
  void shouldBackOffExponentiallyUpToTheBound() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350));

    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(350));
    assertThat(policy.backoff(5)).isEqualTo(Duration.ofMillis(350));
  }
}
