package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookTimesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2013-12-03T17:23:34Z");

  private static JsonNode value(String json) throws Exception {
    return JSON.readTree("{\"t\": " + json + "}");
  }

  private static Instant gitLab(String json) throws Exception {
    return WebhookTimes.gitLab(value(json), "t", "t");
  }

  private static Instant epoch(String json) throws Exception {
    return WebhookTimes.epoch(value(json), "t", "t");
  }

  @Test
  void shouldReadEveryTimeFormatGitLabSends() throws Exception {
    assertThat(gitLab("\"2013-12-03T17:23:34Z\"")).isEqualTo(T);
    assertThat(gitLab("\"2013-12-03T17:23:34.000Z\"")).isEqualTo(T);
    assertThat(gitLab("\"2013-12-03T19:23:34+02:00\"")).isEqualTo(T);
    assertThat(gitLab("\"2013-12-03 17:23:34 UTC\"")).isEqualTo(T);
    assertThat(gitLab("\"2013-12-03 18:23:34 +0100\"")).isEqualTo(T);
    assertThat(gitLab("\"2013-12-03 17:23:34.250 UTC\"")).isEqualTo(T.plusMillis(250));
    assertThat(gitLab("null")).isNull();
  }

  @Test
  void shouldRefuseAGitLabTimeThatIsNotOne() {
    assertThatThrownBy(() -> gitLab("\"03/12/2013\""))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessageStartingWith("t: '03/12/2013' is not a GitLab time");
  }

  @Test
  void shouldTellTheUnitOfAnEpochTimeByItsSize() throws Exception {
    assertThat(epoch("1386091414")).isEqualTo(T);
    assertThat(epoch("1386091414000")).isEqualTo(T);
    assertThat(epoch("1386091414000000")).isEqualTo(T);
    assertThat(epoch("1386091414000000123")).isEqualTo(T.plusNanos(123));
    assertThat(epoch("\"1386091414000\"")).isEqualTo(T);
    assertThat(epoch("\"2013-12-03T17:23:34Z\"")).isEqualTo(T);
    assertThatThrownBy(() -> epoch("\"soon\""))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessage("t: 'soon' is not an epoch time or ISO-8601 time");
  }

  @Test
  void shouldCompareSharedTokensWholly() {
    assertThat(SecretTokens.matches("gitlab-secret-0123456789", "gitlab-secret-0123456789"))
        .isTrue();
    assertThat(SecretTokens.matches("gitlab-secret-0123456789", "gitlab-secret-012345678"))
        .isFalse();
    assertThat(SecretTokens.matches("gitlab-secret-0123456789", "")).isFalse();
    assertThat(SecretTokens.matches("gitlab-secret-0123456789", null)).isFalse();
  }
}
