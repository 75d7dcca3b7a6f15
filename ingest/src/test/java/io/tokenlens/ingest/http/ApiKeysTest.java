package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final ApiKeys keys =
      new ApiKeys(Map.of("proxy", "s3cret-s3cret-s3cret", "laptop", "another-secret-value"));

  @Test
  void shouldReturnTheIdOfTheMatchingBearerKey() {
    assertThat(keys.authenticate("Bearer s3cret-s3cret-s3cret"))
        .contains(new ApiKey("proxy", Scope.TELEMETRY));
    assertThat(keys.authenticate("bearer another-secret-value"))
        .contains(new ApiKey("laptop", Scope.TELEMETRY));
  }

  @Test
  void shouldTellAdminKeysFromTelemetryKeys() {
    ApiKeys scoped =
        new ApiKeys(
            Map.of("proxy", "s3cret-s3cret-s3cret"), Map.of("hr-sync", "admin-secret-value-1"));

    assertThat(scoped.authenticate("Bearer admin-secret-value-1"))
        .contains(new ApiKey("hr-sync", Scope.ADMIN));
    assertThat(scoped.authenticate("Bearer s3cret-s3cret-s3cret"))
        .contains(new ApiKey("proxy", Scope.TELEMETRY));
    assertThat(Scope.ADMIN.allows(Scope.TELEMETRY)).isTrue();
    assertThat(Scope.TELEMETRY.allows(Scope.ADMIN)).isFalse();
  }

  @Test
  void shouldRefuseMissingWrongOrNonBearerCredentials() {
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.authenticate("Bearer s3cret-s3cret-s3creT")).isEmpty();
    assertThat(keys.authenticate("Basic czNjcmV0")).isEmpty();
    assertThat(keys.authenticate("Bearer ")).isEmpty();
    assertThat(keys.authenticate("s3cret-s3cret-s3cret")).isEmpty();
  }
}
