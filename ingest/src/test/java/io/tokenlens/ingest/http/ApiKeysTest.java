package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final ApiKeys keys = new ApiKeys(Map.of("proxy", "s3cret-s3cret-s3cret", "laptop", "another-secret-value"));

  @Test
  void shouldReturnTheIdOfTheMatchingBearerKey() {
    assertThat(keys.authenticate("Bearer s3cret-s3cret-s3cret")).contains("proxy");
    assertThat(keys.authenticate("bearer another-secret-value")).contains("laptop");
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
