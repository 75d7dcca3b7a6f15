package io.tokenlens.ingest.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.Repositories;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.ingest.json.JsonBatch;
import io.tokenlens.ingest.json.JsonFields;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the body of {@code POST /v1/token-events}: a JSON array of token events, one JSON object,
 * or NDJSON (one object per line). Every problem of every event is collected; one bad event refuses
 * the whole batch (HTTP 400 listing each problem as {@code [index].field: problem}), so a batch is
 * published whole or not at all.
 *
 * <p>Token normalisation: {@code inputTokens} is uncached input (Anthropic's meaning). A source
 * whose input count includes cached tokens (OpenAI, OTel GenAI) sends {@code totalInputTokens}
 * instead, and the parser subtracts {@code cacheReadTokens} and {@code cacheWriteTokens}. Exactly
 * one of the two must be present.
 */
public final class TokenEventParser {

  /** Largest number of events in one request. */
  public static final int MAX_EVENTS = 10_000;

  static final Set<String> FIELDS =
      Set.of(
          "eventId",
          "occurredAt",
          "provider",
          "model",
          "tool",
          "sessionId",
          "userId",
          "userEmail",
          "accountId",
          "apiKeyId",
          "organizationId",
          "promptId",
          "eventSequence",
          "repository",
          "branch",
          "requestFingerprint",
          "inputTokens",
          "totalInputTokens",
          "cacheReadTokens",
          "cacheWriteTokens",
          "outputTokens",
          "reasoningTokens",
          "costUsd",
          "durationMs",
          "status",
          "errorType",
          "httpStatusCode",
          "attempt");

  private static final ObjectMapper JSON = JsonBatch.mapper();

  private TokenEventParser() {}

  /** Parses {@code body}; {@code ndjson} selects one object per line. */
  public static List<TokenUsage> parse(byte[] body, boolean ndjson, Instant acceptedAt) {
    List<JsonNode> nodes =
        ndjson ? ndjsonNodes(body) : JsonBatch.items(body, "token events", "token event");
    return JsonBatch.mapAll(nodes, MAX_EVENTS, "token events", item -> toEvent(item, acceptedAt));
  }

  private static List<JsonNode> ndjsonNodes(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    List<JsonNode> nodes = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        nodes.add(JSON.readTree(lines[i]));
      } catch (JsonProcessingException e) {
        throw HttpError.badRequest(
            "line " + (i + 1) + " is not valid JSON: " + e.getOriginalMessage());
      }
    }
    return nodes;
  }

  private static TokenUsage toEvent(JsonFields f, Instant acceptedAt) {
    f.refuseUnknown(FIELDS);
    String eventId = f.requiredString("eventId");
    Instant occurredAt = f.instant("occurredAt");
    String provider = f.requiredString("provider");
    String model = f.requiredString("model");
    Long input = f.count("inputTokens");
    Long totalInput = f.count("totalInputTokens");
    long cacheRead = orZero(f.count("cacheReadTokens"));
    long cacheWrite = orZero(f.count("cacheWriteTokens"));
    Long output = f.count("outputTokens");
    long reasoning = orZero(f.count("reasoningTokens"));
    if (input == null && totalInput == null) {
      f.problems()
          .add(
              f.at()
                  + ": one of inputTokens (uncached input) or totalInputTokens (input including cached "
                  + "tokens) is required");
    } else if (input != null && totalInput != null) {
      f.problems()
          .add(
              f.at()
                  + ": send inputTokens (uncached) or totalInputTokens (including cached tokens), not both");
    } else if (totalInput != null && totalInput < cacheRead + cacheWrite) {
      f.problems()
          .add(
              f.at()
                  + ".totalInputTokens: "
                  + totalInput
                  + " is less than cacheReadTokens + cacheWriteTokens ("
                  + (cacheRead + cacheWrite)
                  + ")");
    }
    if (output == null) {
      f.problems().add(f.at() + ".outputTokens: required");
    } else if (reasoning > output) {
      f.problems()
          .add(
              f.at()
                  + ".reasoningTokens: "
                  + reasoning
                  + " exceeds outputTokens ("
                  + output
                  + "); reasoning tokens are part of the output");
    }
    String status = f.string("status");
    RequestStatus requestStatus = RequestStatus.SUCCESS;
    if (status != null) {
      switch (status.toLowerCase(Locale.ROOT)) {
        case "success" -> requestStatus = RequestStatus.SUCCESS;
        case "error" -> requestStatus = RequestStatus.ERROR;
        default -> f.problems().add(f.at() + ".status: '" + status + "' is not success or error");
      }
    }
    Double cost = f.number("costUsd");
    if (cost != null && cost < 0) {
      f.problems().add(f.at() + ".costUsd: must not be negative");
    }
    Long eventSequence = f.count("eventSequence");
    Long duration = f.count("durationMs");
    Long httpStatus = f.count("httpStatusCode");
    Long attempt = f.count("attempt");
    String repository = f.string("repository");
    String normalisedRepository = Repositories.normalise(repository);
    if (repository != null && normalisedRepository == null) {
      f.problems()
          .add(f.at() + ".repository: '" + repository + "' is not owner/name or a repository URL");
    }
    if (!f.problems().isEmpty()) {
      return null;
    }
    return TokenUsage.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(occurredAt)
        .setAcceptedAt(acceptedAt)
        .setSource(UsageSource.TOKEN_EVENTS_API)
        .setSourceEventType("token-event")
        .setProvider(provider.toLowerCase(Locale.ROOT))
        .setModel(model)
        .setTool(f.string("tool"))
        .setOrganizationId(f.string("organizationId"))
        .setUserId(f.string("userId"))
        .setUserEmail(f.string("userEmail"))
        .setAccountId(f.string("accountId"))
        .setApiKeyId(Hashes.apiKeyId(f.string("apiKeyId")))
        .setSessionId(f.string("sessionId"))
        .setPromptId(f.string("promptId"))
        .setEventSequence(eventSequence)
        .setRequestFingerprint(f.string("requestFingerprint"))
        .setRepository(normalisedRepository)
        .setBranch(f.string("branch"))
        .setInputTokens(input != null ? input : totalInput - cacheRead - cacheWrite)
        .setCacheReadTokens(cacheRead)
        .setCacheWriteTokens(cacheWrite)
        .setOutputTokens(output)
        .setReasoningTokens(reasoning)
        .setReportedCostUsd(cost)
        .setDurationMs(duration)
        .setStatus(requestStatus)
        .setErrorType(f.string("errorType"))
        .setHttpStatusCode(httpStatus == null ? null : httpStatus.intValue())
        .setAttempt(attempt == null ? null : attempt.intValue())
        .build();
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
