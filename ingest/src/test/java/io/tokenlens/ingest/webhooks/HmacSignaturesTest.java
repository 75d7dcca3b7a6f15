package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HmacSignaturesTest {
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldMatchGitHubsDocumentedTestVector() {
    // GitHub's "Validating webhook deliveries" example: secret, payload and expected header
    assertThat(
            HmacSignatures.verifyGitHub(
                "It's a Secret to Everybody",
                HELLO,
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
        .isTrue();
  }

  @Test
  void shouldRefuseWrongMissingOrMalformedGitHubSignatures() {
    assertThat(
            HmacSignatures.verifyGitHub(
                "another secret",
                HELLO,
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
        .isFalse();
    assertThat(HmacSignatures.verifyGitHub("It's a Secret to Everybody", HELLO, null)).isFalse();
    assertThat(
            HmacSignatures.verifyGitHub(
                "It's a Secret to Everybody",
                HELLO,
                "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
        .isFalse();
    assertThat(HmacSignatures.verifyGitHub("It's a Secret to Everybody", HELLO, "sha256=zz"))
        .isFalse();
    assertThat(
            HmacSignatures.verifyGitHub(
                "It's a Secret to Everybody",
                "Hello, World?".getBytes(StandardCharsets.UTF_8),
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
        .isFalse();
  }

  @Test
  void shouldAcceptAPagerDutyHeaderWhenAnyV1SignatureMatches() {
    String good = HexFormat.of().formatHex(HmacSignatures.hmacSha256("new-secret", HELLO));
    String old = HexFormat.of().formatHex(HmacSignatures.hmacSha256("old-secret", HELLO));

    assertThat(HmacSignatures.verifyPagerDuty("new-secret", HELLO, "v1=" + old + ",v1=" + good))
        .isTrue();
    assertThat(HmacSignatures.verifyPagerDuty("new-secret", HELLO, "v1=" + old)).isFalse();
    assertThat(HmacSignatures.verifyPagerDuty("new-secret", HELLO, "v2=" + good)).isFalse();
    assertThat(HmacSignatures.verifyPagerDuty("new-secret", HELLO, null)).isFalse();
  }
}
