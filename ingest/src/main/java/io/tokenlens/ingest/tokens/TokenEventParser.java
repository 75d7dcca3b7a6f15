package io.tokenlens.ingest.tokens;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.Repositories;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the body of {@code POST /v1/token-events}: a JSON array of token events, one JSON object, or NDJSON
 * (one object per line). Every problem of every event is collected; one bad event refuses the whole batch
 * (HTTP 400 listing each problem as {@code [index].field: problem}), so a batch is published whole or not at all.
 *
 * <p>Token normalisation: {@code inputTokens} is uncached input (Anthropic's meaning). A source whose input count
 * includes cached tokens (OpenAI, OTel GenAI) sends {@code totalInputTokens} instead, and the parser subtracts
 * {@code cacheReadTokens} and {@code cacheWriteTokens}. Exactly one of the two must be present.
 */
public final class TokenEventParser {

  /** Largest number of events in one request. */
  public static final int MAX_EVENTS = 10_000;

  static final Set<String> FIELDS = Set.of("eventId", "occurredAt", "provider", "model", "tool", "sessionId",
      "userId", "userEmail", "accountId", "apiKeyId", "organizationId", "promptId", "eventSequence",
      "repository", "branch", "requestFingerprint", "inputTokens", "totalInputTokens", "cacheReadTokens",
      "cacheWriteTokens", "outputTokens", "reasoningTokens", "costUsd", "durationMs", "status", "errorType",
      "httpStatusCode", "attempt");

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private TokenEventParser() {
  }

  /** Parses {@code body}; {@code ndjson} selects one object per line. */
  public static List<TokenUsage> parse(byte[] body, boolean ndjson, Instant acceptedAt) {
    List<JsonNode> nodes = ndjson ? ndjsonNodes(body) : jsonNodes(body);
    if (nodes.isEmpty()) {
      throw HttpError.badRequest("no token events in the body");
    }
    if (nodes.size() > MAX_EVENTS) {
      throw new HttpError(413, "too_many_events", nodes.size() + " events in one request; at most " + MAX_EVENTS);
    }
    List<String> problems = new ArrayList<>();
    List<TokenUsage> events = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      TokenUsage event = toEvent(nodes.get(i), "[" + i + "]", acceptedAt, problems);
      if (event != null) {
        events.add(event);
      }
    }
    if (!problems.isEmpty()) {
      throw HttpError.badRequest(problems.size() + " problem(s) in the token events; nothing was accepted",
          problems.size() > 100 ? problems.subList(0, 100) : problems);
    }
    return events;
  }

  private static List<JsonNode> jsonNodes(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpError.badRequest("body is not valid JSON: " + e.getOriginalMessage()
          + locationOf(e));
    } catch (java.io.IOException e) {
      throw HttpError.badRequest("body is not valid JSON: " + e.getMessage());
    }
    if (root == null) {
      return List.of();
    }
    if (root.isObject()) {
      return List.of(root);
    }
    if (!root.isArray()) {
      throw HttpError.badRequest("body must be a JSON array of token events or one token event object, not "
          + root.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    List<JsonNode> nodes = new ArrayList<>();
    root.forEach(nodes::add);
    return nodes;
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
        throw HttpError.badRequest("line " + (i + 1) + " is not valid JSON: " + e.getOriginalMessage());
      }
    }
    return nodes;
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")";
  }

  private static TokenUsage toEvent(JsonNode node, String at, Instant acceptedAt, List<String> problems) {
    if (!node.isObject()) {
      problems.add(at + ": must be a JSON object");
      return null;
    }
    int before = problems.size();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        problems.add(at + "." + name + ": unknown field");
      }
    }
    Fields f = new Fields(node, at, problems);
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
      problems.add(at + ": one of inputTokens (uncached input) or totalInputTokens (input including cached "
          + "tokens) is required");
    } else if (input != null && totalInput != null) {
      problems.add(at + ": send inputTokens (uncached) or totalInputTokens (including cached tokens), not both");
    } else if (totalInput != null && totalInput < cacheRead + cacheWrite) {
      problems.add(at + ".totalInputTokens: " + totalInput + " is less than cacheReadTokens + cacheWriteTokens ("
          + (cacheRead + cacheWrite) + ")");
    }
    if (output == null) {
      problems.add(at + ".outputTokens: required");
    } else if (reasoning > output) {
      problems.add(at + ".reasoningTokens: " + reasoning + " exceeds outputTokens (" + output
          + "); reasoning tokens are part of the output");
    }
    String status = f.string("status");
    RequestStatus requestStatus = RequestStatus.SUCCESS;
    if (status != null) {
      switch (status.toLowerCase(Locale.ROOT)) {
        case "success" -> requestStatus = RequestStatus.SUCCESS;
        case "error" -> requestStatus = RequestStatus.ERROR;
        default -> problems.add(at + ".status: '" + status + "' is not success or error");
      }
    }
    Double cost = f.number("costUsd");
    if (cost != null && cost < 0) {
      problems.add(at + ".costUsd: must not be negative");
    }
    Long eventSequence = f.count("eventSequence");
    Long duration = f.count("durationMs");
    Long httpStatus = f.count("httpStatusCode");
    Long attempt = f.count("attempt");
    String repository = f.string("repository");
    String normalisedRepository = Repositories.normalise(repository);
    if (repository != null && normalisedRepository == null) {
      problems.add(at + ".repository: '" + repository + "' is not owner/name or a repository URL");
    }
    if (problems.size() > before) {
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

  /** Typed access to one event's fields, recording problems as {@code [i].field: ...}. */
  private record Fields(JsonNode node, String at, List<String> problems) {

    String string(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        problems.add(at + "." + name + ": must be a string, not " + type(v));
        return null;
      }
      String s = v.asText().trim();
      return s.isEmpty() ? null : s;
    }

    String requiredString(String name) {
      if (node.get(name) == null || node.get(name).isNull()) {
        problems.add(at + "." + name + ": required");
        return null;
      }
      String s = string(name);
      if (s == null && node.get(name).isTextual()) {
        problems.add(at + "." + name + ": must not be empty");
      }
      return s;
    }

    Long count(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        problems.add(at + "." + name + ": must be a whole number, not " + (v.isNumber() ? v.asText() : type(v)));
        return null;
      }
      if (v.asLong() < 0) {
        problems.add(at + "." + name + ": must not be negative");
        return null;
      }
      return v.asLong();
    }

    Double number(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isNumber()) {
        problems.add(at + "." + name + ": must be a number, not " + type(v));
        return null;
      }
      return v.asDouble();
    }

    Instant instant(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        problems.add(at + "." + name + ": required (ISO-8601 UTC like 2026-11-22T08:00:00Z, or epoch milliseconds)");
        return null;
      }
      if (v.isIntegralNumber()) {
        return Instant.ofEpochMilli(v.asLong());
      }
      if (v.isTextual()) {
        try {
          return Instant.parse(v.asText().trim());
        } catch (DateTimeParseException e) {
          problems.add(at + "." + name + ": '" + v.asText() + "' is not an ISO-8601 instant such as 2026-11-22T08:00:00Z");
          return null;
        }
      }
      problems.add(at + "." + name + ": must be an ISO-8601 string or epoch milliseconds, not " + type(v));
      return null;
    }

    private static String type(JsonNode v) {
      JsonNodeType t = v.getNodeType();
      return t.toString().toLowerCase(Locale.ROOT);
    }
  }
}
