package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.registry.RegistryClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthTest {

  @Test
  void shouldAnswer401WithConfluentsBodyWithoutOrWithWrongCredentials() {
    try (InMemoryRegistry registry = new InMemoryRegistry("--basic-auth", "ops:s3cret")) {
      Reply anonymous = registry.client().get("/subjects");
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.errorCode()).isEqualTo(401);
      assertThat(anonymous.message()).isEqualTo("Unauthorized");

      assertThat(registry.client().withBasicAuth("ops", "wrong").get("/subjects").status())
          .isEqualTo(401);
      assertThat(
              registry
                  .client()
                  .send("GET", "/subjects", null, Map.of("Authorization", "Basic not-base64!"))
                  .status())
          .isEqualTo(401);
      assertThat(registry.client().withBasicAuth("ops", "s3cret").get("/subjects").status())
          .isEqualTo(200);
    }
  }

  @Test
  void shouldCompareTheWholeCredential() {
    BasicAuth auth = new BasicAuth("ops:s3cret");

    assertThat(auth.accepts("Basic b3BzOnMzY3JldA==")).isTrue();
    assertThat(auth.accepts("basic b3BzOnMzY3JldA==")).isTrue();
    assertThat(auth.accepts("Basic b3BzOnMzY3JldDE=")).isFalse();
    assertThat(auth.accepts("Bearer b3BzOnMzY3JldA==")).isFalse();
    assertThat(auth.accepts(null)).isFalse();
  }
}
