package io.tokenlens.simulator.wire;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Claude Code's events as its OTLP log exporter sends them ({@code http/protobuf} to {@code
 * /v1/logs}): one request per export batch of one session (at most 100 records), resource {@code
 * service.name=claude-code} with the repository and branch from {@code OTEL_RESOURCE_ATTRIBUTES},
 * body {@code claude_code.<event>}, the standard attributes and each event's own, numbers as
 * strings. The prompt is the placeholder {@value #REDACTED} and tool arguments are left out unless
 * the {@link Scenario} enables them.
 */
public final class ClaudeCodeLogs {
  public static final String PATH = "/v1/logs";
  public static final String ORGANIZATION_ID = "7f1a5b1e-0000-4000-8000-00000000ac3e";

  /** What Claude Code sends as {@code prompt} without {@code OTEL_LOG_USER_PROMPTS=1}. */
  public static final String REDACTED = "<REDACTED>";

  private final Scenario scenario;

  public ClaudeCodeLogs(Scenario scenario) {
    this.scenario = scenario;
  }

  /**
   * One export request of a batch of one session's records (Claude Code's own: usage or activity).
   */
  public HttpDelivery export(List<SpecificRecord> batch, Instant sentAt) {
    Map<String, Integer> items = new TreeMap<>();
    ScopeLogs.Builder scope =
        ScopeLogs.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("com.anthropic.claude_code.events")
                    .setVersion("2.0.0"));
    String repository = null;
    String branch = null;
    for (SpecificRecord r : batch) {
      LogRecord record = r instanceof TokenUsage u ? usage(u) : activity((AgentActivity) r);
      items.merge(record.getBody().getStringValue(), 1, Integer::sum);
      scope.addLogRecords(record);
      repository =
          r instanceof TokenUsage u ? u.getRepository() : ((AgentActivity) r).getRepository();
      branch = r instanceof TokenUsage u ? u.getBranch() : ((AgentActivity) r).getBranch();
    }
    Resource resource =
        Resource.newBuilder()
            .addAllAttributes(
                new OtlpAttributes()
                    .string("service.name", "claude-code")
                    .string("service.version", "2.0.0")
                    .string("os.type", "linux")
                    .string(
                        "vcs.repository.url.full",
                        repository == null ? null : "https://github.com/" + repository)
                    .string("vcs.ref.head.name", branch)
                    .build())
            .build();
    byte[] body =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
            .build()
            .toByteArray();
    return new HttpDelivery(
        PATH, "application/x-protobuf", Map.of(), body, sentAt, "otlp-logs", items);
  }

  private LogRecord usage(TokenUsage u) {
    boolean error = u.getStatus() == RequestStatus.ERROR;
    OtlpAttributes a =
        standard(
            error ? "api_error" : "api_request",
            u.getOccurredAt(),
            u.getSessionId(),
            u.getUserEmail(),
            u.getAccountId(),
            u.getPromptId(),
            u.getEventSequence());
    a.string("model", u.getModel());
    if (error) {
      a.string("error", u.getErrorType())
          .number("status_code", u.getHttpStatusCode())
          .number("attempt", u.getAttempt());
    } else {
      a.number("cost_usd", u.getReportedCostUsd())
          .number("input_tokens", u.getInputTokens())
          .number("output_tokens", u.getOutputTokens())
          .number("cache_read_tokens", u.getCacheReadTokens())
          .number("cache_creation_tokens", u.getCacheWriteTokens());
    }
    a.number("duration_ms", u.getDurationMs());
    return record(error ? "api_error" : "api_request", u.getOccurredAt(), a);
  }

  private LogRecord activity(AgentActivity x) {
    String event =
        switch (x.getKind()) {
          case USER_PROMPT -> "user_prompt";
          case TOOL_RESULT -> "tool_result";
          case TOOL_DECISION -> "tool_decision";
          default -> throw new IllegalArgumentException("no Claude Code event for " + x.getKind());
        };
    OtlpAttributes a =
        standard(
            event,
            x.getOccurredAt(),
            x.getSessionId(),
            x.getUserEmail(),
            x.getAccountId(),
            x.getPromptId(),
            x.getEventSequence());
    switch (x.getKind()) {
      case USER_PROMPT -> {
        a.number("prompt_length", x.getPromptLength())
            .string(
                "prompt",
                scenario.logUserPrompts() ? "simulated prompt " + x.getPromptHash() : REDACTED);
      }
      case TOOL_RESULT -> {
        a.string("tool_name", x.getToolName())
            .string("success", String.valueOf(x.getToolSuccess()))
            .number("duration_ms", x.getToolDurationMs())
            .number("tool_result_size_bytes", x.getToolResultSizeBytes());
        if (x.getDecision() != null) {
          a.string("decision_type", x.getDecision().name().toLowerCase(java.util.Locale.ROOT))
              .string("decision_source", x.getDecisionSource());
        }
        toolArguments(a, x);
      }
      case TOOL_DECISION ->
          a.string("tool_name", x.getToolName())
              .string("decision", x.getDecision().name().toLowerCase(java.util.Locale.ROOT))
              .string("source", x.getDecisionSource());
      default -> {}
    }
    return record(event, x.getOccurredAt(), a);
  }

  /**
   * With tool details on, the arguments as Claude Code sends them: every tool's in {@code
   * tool_input}, a Bash command's also in {@code tool_parameters}. Both derive from the simulated
   * {@code toolArgumentsHash} alone, so the hash ingest computes differs exactly when it does.
   */
  private void toolArguments(OtlpAttributes a, AgentActivity x) {
    String key = x.getToolArgumentsHash();
    if (!scenario.logToolDetails() || key == null) {
      return;
    }
    a.string("tool_input", "{\"simulated\":\"" + key + "\"}");
    if ("Bash".equals(x.getToolName())) {
      a.string(
          "tool_parameters",
          "{\"bash_command\":\"simulated\",\"full_command\":\"simulated " + key + "\"}");
    }
  }

  private static OtlpAttributes standard(
      String event,
      Instant at,
      String session,
      String email,
      String account,
      String promptId,
      Long sequence) {
    return new OtlpAttributes()
        .string("event.name", event)
        .string("event.timestamp", at.toString())
        .number("event.sequence", sequence)
        .string("session.id", session)
        .string("organization.id", ORGANIZATION_ID)
        .string("user.email", email)
        .string("user.account_uuid", account)
        .string("prompt.id", promptId)
        .string("terminal.type", "vscode");
  }

  private static LogRecord record(String event, Instant at, OtlpAttributes attributes) {
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    return LogRecord.newBuilder()
        .setTimeUnixNano(nanos)
        .setObservedTimeUnixNano(nanos)
        .setBody(AnyValue.newBuilder().setStringValue("claude_code." + event))
        .setEventName("claude_code." + event)
        .addAllAttributes(attributes.build())
        .build();
  }
}
