package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router =
      new Router()
          .read("GET", "/subjects/{subject}/versions/{version}", r -> RegistryResponse.ok("read"))
          .write(
              "DELETE", "/subjects/{subject}/versions/{version}", r -> RegistryResponse.ok("del"))
          .read("GET", "/", r -> RegistryResponse.ok("root"));

  @Test
  void shouldBindPercentDecodedPathParameters() {
    Router.Match match = router.match("GET", "/subjects/a%2Fb%20c+d/versions/latest");

    assertThat(match.found()).isTrue();
    assertThat(match.pathParams())
        .containsEntry("subject", "a/b c+d")
        .containsEntry("version", "latest");
    assertThat(match.route().write()).isFalse();
  }

  @Test
  void shouldMarkWriteRoutes() {
    assertThat(router.match("DELETE", "/subjects/s/versions/1").route().write()).isTrue();
  }

  @Test
  void shouldTellUnknownPathsFromUnsupportedMethods() {
    assertThat(router.match("GET", "/subjects/s").error()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(router.match("POST", "/subjects/s/versions/1").error())
        .isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
  }

  @Test
  void shouldIgnoreTrailingSlashes() {
    assertThat(router.match("GET", "/").found()).isTrue();
    assertThat(router.match("GET", "/subjects/s/versions/1/").found()).isTrue();
  }
}
