package io.tokenlens.ingest.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEventParserTest {
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

  private static List<TokenUsage> parse(String body, boolean ndjson) {
    return TokenEventParser.parse(body.getBytes(StandardCharsets.UTF_8), ndjson, NOW);
  }

  @Test
  void shouldReadAnArrayWithAnthropicStyleUncachedInput() {
    List<TokenUsage> events =
        parse(
            """
        [{"eventId": "req-1", "occurredAt": "2026-11-22T08:59:00Z", "provider": "Anthropic",
          "model": "claude-sonnet-4-5", "tool": "litellm", "sessionId": "s-1", "userEmail": "ada@example.com",
          "inputTokens": 120, "cacheReadTokens": 5000, "cacheWriteTokens": 300, "outputTokens": 80,
          "costUsd": 0.0123, "durationMs": 950, "repository": "https://github.com/Acme/Shop.git",
          "apiKeyId": "key_123"}]
        """,
            false);

    assertThat(events).hasSize(1);
    TokenUsage e = events.get(0);
    assertThat(e.getEventId()).isEqualTo("req-1");
    assertThat(e.getSource()).isEqualTo(UsageSource.TOKEN_EVENTS_API);
    assertThat(e.getProvider()).isEqualTo("anthropic");
    assertThat(e.getInputTokens()).isEqualTo(120);
    assertThat(e.getCacheReadTokens()).isEqualTo(5000);
    assertThat(e.getCacheWriteTokens()).isEqualTo(300);
    assertThat(e.getOutputTokens()).isEqualTo(80);
    assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:59:00Z"));
    assertThat(e.getAcceptedAt()).isEqualTo(NOW);
    assertThat(e.getRepository()).isEqualTo("acme/shop");
    assertThat(e.getStatus()).isEqualTo(RequestStatus.SUCCESS);
    assertThat(e.getApiKeyId()).startsWith("sha256:").doesNotContain("key_123");
  }

  @Test
  void shouldSubtractCachedTokensFromAnOpenAiStyleTotalInput() {
    List<TokenUsage> events =
        parse(
            """
        {"eventId": "r", "occurredAt": 1795338000000, "provider": "openai", "model": "gpt-5",
         "totalInputTokens": 10000, "cacheReadTokens": 8000, "outputTokens": 500, "reasoningTokens": 200}
        """,
            false);

    TokenUsage e = events.get(0);
    assertThat(e.getInputTokens()).isEqualTo(2000);
    assertThat(e.getCacheReadTokens()).isEqualTo(8000);
    assertThat(e.getOutputTokens()).isEqualTo(500);
    assertThat(e.getReasoningTokens()).isEqualTo(200);
    assertThat(e.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1795338000000L));
  }

  @Test
  void shouldReadNdjsonSkippingBlankLines() {
    List<TokenUsage> events =
        parse(
            """
        {"eventId": "a", "occurredAt": "2026-11-22T08:00:00Z", "provider": "openai", "model": "m", "inputTokens": 1, "outputTokens": 2}

        {"eventId": "b", "occurredAt": "2026-11-22T08:00:01Z", "provider": "openai", "model": "m", "inputTokens": 3, "outputTokens": 4, "status": "error", "httpStatusCode": 529}
        """,
            true);

    assertThat(events).extracting(TokenUsage::getEventId).containsExactly("a", "b");
    assertThat(events.get(1).getStatus()).isEqualTo(RequestStatus.ERROR);
    assertThat(events.get(1).getHttpStatusCode()).isEqualTo(529);
  }

  @Test
  void shouldNameEveryProblemOfEveryEventAndAcceptNothing() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        [{"eventId": "ok", "occurredAt": "2026-11-22T08:00:00Z", "provider": "p", "model": "m", "inputTokens": 1, "outputTokens": 1},
         {"occurredAt": "yesterday", "provider": "p", "inputTokens": -1, "totalInputTokens": 5, "outputTokens": 1.5, "colour": "red"},
         {"eventId": "c", "occurredAt": "2026-11-22T08:00:00Z", "provider": "p", "model": "m", "totalInputTokens": 10,
          "cacheReadTokens": 20, "outputTokens": 1, "reasoningTokens": 2}]
        """,
                    false))
        .isInstanceOfSatisfying(
            HttpError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.details())
                  .contains(
                      "[1].colour: unknown field",
                      "[1].eventId: required",
                      "[1].model: required",
                      "[1].inputTokens: must not be negative",
                      "[1].outputTokens: must be a whole number, not 1.5",
                      "[2].totalInputTokens: 10 is less than cacheReadTokens + cacheWriteTokens (20)",
                      "[2].reasoningTokens: 2 exceeds outputTokens (1); reasoning tokens are part of the output");
              assertThat(e.details())
                  .anyMatch(d -> d.startsWith("[1].occurredAt: 'yesterday' is not an ISO-8601"));
              assertThat(e.details()).noneMatch(d -> d.startsWith("[0]"));
            });
  }

  @Test
  void shouldRefuseInputGivenBothWays() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        {"eventId": "x", "occurredAt": "2026-11-22T08:00:00Z", "provider": "p", "model": "m",
         "inputTokens": 1, "totalInputTokens": 1, "outputTokens": 1}
        """,
                    false))
        .isInstanceOfSatisfying(
            HttpError.class,
            e ->
                assertThat(e.details())
                    .containsExactly(
                        "[0]: send inputTokens (uncached) or totalInputTokens (including cached tokens), not both"));
  }

  @Test
  void shouldAnswer400ForMalformedJsonWithItsLocation() {
    assertThatThrownBy(() -> parse("[{\"eventId\": ", false))
        .isInstanceOfSatisfying(
            HttpError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).startsWith("body is not valid JSON");
            });
    assertThatThrownBy(() -> parse("{\"eventId\": \"a\"}\nnot json\n", true))
        .isInstanceOfSatisfying(
            HttpError.class,
            e -> assertThat(e.getMessage()).startsWith("line 2 is not valid JSON"));
    assertThatThrownBy(() -> parse("42", false))
        .isInstanceOfSatisfying(
            HttpError.class, e -> assertThat(e.getMessage()).contains("not number"));
    assertThatThrownBy(() -> parse("[]", false))
        .isInstanceOfSatisfying(
            HttpError.class,
            e -> assertThat(e.getMessage()).isEqualTo("no token events in the body"));
  }
}
