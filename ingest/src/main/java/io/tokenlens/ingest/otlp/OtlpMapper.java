package io.tokenlens.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.Repositories;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.MetricTemporality;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.ToolDecision;
import io.tokenlens.schemas.avro.UsageMetric;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps OTLP logs, metrics and spans onto the tokenlens records.
 *
 * <ul>
 *   <li>Claude Code events (log records named {@code claude_code.*}): {@code api_request} and
 *       {@code api_error} become {@link TokenUsage}; {@code user_prompt}, {@code tool_result} and
 *       {@code tool_decision} become {@link AgentActivity}. Claude Code's token counts already have
 *       tokenlens's meaning (input excludes cached tokens).
 *   <li>OTel GenAI usage ({@code gen_ai.usage.*} on spans or log records) becomes {@link
 *       TokenUsage}; OTel counts cached tokens in {@code gen_ai.usage.input_tokens}, so cache reads
 *       and writes are subtracted.
 *   <li>Claude Code metrics ({@code claude_code.*} sums and gauges) become {@link UsageMetric}, one
 *       per data point, for reconciliation only.
 * </ul>
 *
 * Prompt text and tool arguments are never kept: only their length and SHA-256. Blank values and
 * redaction placeholders ({@code <REDACTED>}) are not content and are not hashed.
 */
public final class OtlpMapper {

  static final String CLAUDE_CODE_PREFIX = "claude_code.";
  private static final Set<String> CLAUDE_CODE_EVENTS =
      Set.of("api_request", "api_error", "user_prompt", "tool_result", "tool_decision");

  /**
   * Point attributes never copied into {@link UsageMetric#getAttributes()}: those with their own
   * field, and content (prompt text, tool arguments).
   */
  private static final Set<String> METRIC_FIELD_ATTRIBUTES =
      Set.of(
          "model",
          "type",
          "session.id",
          "user.id",
          "user.email",
          "user.account_uuid",
          "organization.id",
          "prompt",
          "tool_parameters",
          "tool_input");

  /**
   * What Claude Code sends in place of content it is not allowed to log (lower case): a prompt
   * without {@code OTEL_LOG_USER_PROMPTS=1} arrives as {@code <REDACTED>}. Never hashed as content.
   */
  static final Set<String> REDACTION_PLACEHOLDERS = Set.of("<redacted>");

  private final Clock clock;
  private final AgentSpanUsage agentSpanUsage;

  public OtlpMapper(Clock clock) {
    this(clock, AgentSpanUsage.SKIP);
  }

  /**
   * A mapper that counts or skips the usage on GenAI agent spans as {@code agentSpanUsage} says.
   */
  public OtlpMapper(Clock clock, AgentSpanUsage agentSpanUsage) {
    this.clock = clock;
    this.agentSpanUsage = agentSpanUsage;
  }

  // ------------------------------------------------------------------------------------------------ logs

  public MappedBatch mapLogs(ExportLogsServiceRequest request) {
    Instant acceptedAt = clock.instant();
    MappedBatch batch = new MappedBatch();
    for (ResourceLogs rl : request.getResourceLogsList()) {
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        for (LogRecord record : sl.getLogRecordsList()) {
          batch.received();
          Attributes attrs =
              Attributes.of(rl.getResource().getAttributesList(), record.getAttributesList());
          String event = claudeCodeEventName(record, attrs);
          try {
            if (event != null) {
              mapClaudeCodeEvent(event, record, rl.getResource(), attrs, acceptedAt, batch);
            } else if (hasGenAiUsage(attrs)) {
              Instant at = eventTime(record, attrs, acceptedAt);
              batch.add(
                  new PendingRecord<>(
                      Topics.TOKEN_USAGE,
                      genAiUsage(
                          attrs,
                          genAiLogEventId(rl, record),
                          at,
                          null,
                          null,
                          record.getEventName().isEmpty() ? "gen_ai.log" : record.getEventName(),
                          acceptedAt)));
            } else {
              batch.ignored();
            }
          } catch (MappingException e) {
            batch.reject(
                event != null
                        && Set.of("user_prompt", "tool_result", "tool_decision").contains(event)
                    ? Topics.AGENT_ACTIVITY
                    : Topics.TOKEN_USAGE,
                (event == null ? "log record" : CLAUDE_CODE_PREFIX + event) + ": " + e.getMessage(),
                singleLog(rl, sl, record));
          }
        }
      }
    }
    return batch;
  }

  /**
   * The Claude Code event name without its prefix, or null for any other log record. Claude Code
   * names the event in the body ({@code claude_code.api_request}) and in the {@code event.name}
   * attribute ({@code api_request}); newer SDKs also use the log record's {@code event_name} field.
   */
  static String claudeCodeEventName(LogRecord record, Attributes attrs) {
    for (String candidate :
        new String[] {
          record.getEventName(),
          attrs.string("event.name"),
          record.getBody().hasStringValue() ? record.getBody().getStringValue() : null
        }) {
      if (candidate != null && candidate.startsWith(CLAUDE_CODE_PREFIX)) {
        String bare = candidate.substring(CLAUDE_CODE_PREFIX.length());
        return CLAUDE_CODE_EVENTS.contains(bare) ? bare : null;
      }
    }
    String bare = attrs.string("event.name");
    if (bare != null
        && CLAUDE_CODE_EVENTS.contains(bare)
        && "claude-code".equals(attrs.string("service.name"))) {
      return bare;
    }
    return null;
  }

  private void mapClaudeCodeEvent(
      String event,
      LogRecord record,
      Resource resource,
      Attributes attrs,
      Instant acceptedAt,
      MappedBatch batch) {
    Instant at = eventTime(record, attrs, acceptedAt);
    String sessionId = attrs.string("session.id");
    Long sequence = attrs.count("event.sequence");
    String eventId =
        sessionId != null && sequence != null
            ? "claude-code:" + sessionId + ":" + sequence
            : "otlp-log:" + logDigest(resource, record);
    String repository = repository(attrs);
    String branch = attrs.firstString("vcs.ref.head.name", "git.branch", "branch");
    switch (event) {
      case "api_request", "api_error" -> {
        String model = attrs.string("model");
        if (model == null) {
          throw new MappingException("attribute 'model' is missing");
        }
        boolean error = event.equals("api_error");
        long input = orZero(attrs.count("input_tokens"));
        long output = orZero(attrs.count("output_tokens"));
        long cacheRead = orZero(attrs.count("cache_read_tokens"));
        long cacheWrite = orZero(attrs.count("cache_creation_tokens"));
        if (!error && !attrs.has("input_tokens") && !attrs.has("output_tokens")) {
          throw new MappingException("neither input_tokens nor output_tokens is present");
        }
        Long status = attrs.count("status_code");
        Long attempt = attrs.count("attempt");
        TokenUsage usage =
            TokenUsage.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(at)
                .setAcceptedAt(acceptedAt)
                .setSource(UsageSource.CLAUDE_CODE)
                .setSourceEventType(CLAUDE_CODE_PREFIX + event)
                .setProvider("anthropic")
                .setModel(model)
                .setTool("claude-code")
                .setOrganizationId(attrs.string("organization.id"))
                .setUserId(attrs.string("user.id"))
                .setUserEmail(attrs.string("user.email"))
                .setAccountId(attrs.string("user.account_uuid"))
                .setSessionId(sessionId)
                .setPromptId(attrs.string("prompt.id"))
                .setEventSequence(sequence)
                .setRequestFingerprint(error ? null : sizeFingerprint(model, input, output))
                .setRepository(repository)
                .setBranch(branch)
                .setInputTokens(input)
                .setCacheReadTokens(cacheRead)
                .setCacheWriteTokens(cacheWrite)
                .setOutputTokens(output)
                .setReasoningTokens(0)
                .setReportedCostUsd(attrs.number("cost_usd"))
                .setDurationMs(attrs.count("duration_ms"))
                .setStatus(error ? RequestStatus.ERROR : RequestStatus.SUCCESS)
                .setErrorType(error ? truncate(attrs.string("error"), 200) : null)
                .setHttpStatusCode(status == null ? null : status.intValue())
                .setAttempt(attempt == null ? null : attempt.intValue())
                .build();
        batch.add(new PendingRecord<>(Topics.TOKEN_USAGE, usage));
      }
      default -> {
        AgentActivity.Builder activity =
            AgentActivity.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(at)
                .setAcceptedAt(acceptedAt)
                .setSource(UsageSource.CLAUDE_CODE)
                .setTool("claude-code")
                .setOrganizationId(attrs.string("organization.id"))
                .setUserId(attrs.string("user.id"))
                .setUserEmail(attrs.string("user.email"))
                .setAccountId(attrs.string("user.account_uuid"))
                .setSessionId(sessionId)
                .setPromptId(attrs.string("prompt.id"))
                .setEventSequence(sequence)
                .setRepository(repository)
                .setBranch(branch);
        switch (event) {
          case "user_prompt" -> {
            String prompt = content(attrs, "prompt");
            Long length = attrs.count("prompt_length");
            activity
                .setKind(ActivityKind.USER_PROMPT)
                .setPromptLength(
                    length != null
                        ? Integer.valueOf((int) Math.min(length, Integer.MAX_VALUE))
                        : prompt != null ? Integer.valueOf(prompt.length()) : null)
                .setPromptHash(prompt == null ? null : Hashes.sha256Hex(prompt));
          }
          case "tool_result" ->
              activity
                  .setKind(ActivityKind.TOOL_RESULT)
                  .setToolName(attrs.string("tool_name"))
                  .setToolArgumentsHash(toolArgumentsHash(attrs))
                  .setToolSuccess(attrs.bool("success"))
                  .setToolDurationMs(attrs.count("duration_ms"))
                  .setToolResultSizeBytes(attrs.count("tool_result_size_bytes"))
                  .setDecision(decision(attrs.firstString("decision_type", "decision")))
                  .setDecisionSource(attrs.firstString("decision_source", "source"));
          default -> {
            ToolDecision decision = decision(attrs.firstString("decision", "decision_type"));
            if (decision == null) {
              throw new MappingException(
                  "neither attribute 'decision' nor 'decision_type' is present");
            }
            activity
                .setKind(ActivityKind.TOOL_DECISION)
                .setToolName(attrs.string("tool_name"))
                .setToolArgumentsHash(toolArgumentsHash(attrs))
                .setDecision(decision)
                .setDecisionSource(attrs.firstString("source", "decision_source"));
          }
        }
        batch.add(new PendingRecord<>(Topics.AGENT_ACTIVITY, activity.build()));
      }
    }
  }

  /**
   * SHA-256 of {@code tool_input + "\n" + tool_parameters}, each trimmed and an absent one as
   * empty: Claude Code sends every tool's input arguments in {@code tool_input} and Bash, MCP and
   * Skill details in {@code tool_parameters} (both JSON, so without raw line breaks). Null when
   * neither carries content.
   */
  private static String toolArgumentsHash(Attributes attrs) {
    String input = content(attrs, "tool_input");
    String parameters = content(attrs, "tool_parameters");
    if (input == null && parameters == null) {
      return null;
    }
    return Hashes.sha256Hex(
        (input == null ? "" : input) + "\n" + (parameters == null ? "" : parameters));
  }

  /**
   * The attribute as content: null when absent, blank or a {@linkplain #REDACTION_PLACEHOLDERS
   * placeholder}.
   */
  private static String content(Attributes attrs, String key) {
    String value = attrs.string(key);
    return value == null || isRedactionPlaceholder(value) ? null : value;
  }

  private static boolean isRedactionPlaceholder(String value) {
    return REDACTION_PLACEHOLDERS.contains(value.trim().toLowerCase(Locale.ROOT));
  }

  private static ToolDecision decision(String raw) {
    if (raw == null) {
      return null;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "accept", "accepted", "allow" -> ToolDecision.ACCEPT;
      case "reject", "rejected", "deny" -> ToolDecision.REJECT;
      default -> ToolDecision.UNKNOWN;
    };
  }

  /**
   * {@code event.timestamp} (Claude Code, ISO-8601), else the record's time, else its observed
   * time, else now.
   */
  private static Instant eventTime(LogRecord record, Attributes attrs, Instant acceptedAt) {
    Instant attr = attrs.instant("event.timestamp");
    if (attr != null) {
      return attr;
    }
    if (record.getTimeUnixNano() > 0) {
      return nanos(record.getTimeUnixNano());
    }
    if (record.getObservedTimeUnixNano() > 0) {
      return nanos(record.getObservedTimeUnixNano());
    }
    return acceptedAt;
  }

  // ------------------------------------------------------------------------------------------------ spans

  public MappedBatch mapTraces(ExportTraceServiceRequest request) {
    Instant acceptedAt = clock.instant();
    MappedBatch batch = new MappedBatch();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          batch.received();
          Attributes attrs =
              Attributes.of(rs.getResource().getAttributesList(), span.getAttributesList());
          if (!hasGenAiUsage(attrs)
              || agentSpanUsage == AgentSpanUsage.SKIP
                  && AgentSpanUsage.isAgentOperation(attrs.string("gen_ai.operation.name"))) {
            batch.ignored();
            continue;
          }
          try {
            String eventId = spanEventId(span.getTraceId(), span.getSpanId());
            Long duration =
                span.getEndTimeUnixNano() > span.getStartTimeUnixNano()
                    ? (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000
                    : null;
            boolean failed = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
            String op = attrs.string("gen_ai.operation.name");
            batch.add(
                new PendingRecord<>(
                    Topics.TOKEN_USAGE,
                    genAiUsage(
                        attrs,
                        eventId,
                        span.getStartTimeUnixNano() > 0
                            ? nanos(span.getStartTimeUnixNano())
                            : acceptedAt,
                        duration,
                        failed ? RequestStatus.ERROR : null,
                        op != null ? "gen_ai." + op : span.getName(),
                        acceptedAt)));
          } catch (MappingException e) {
            batch.reject(
                Topics.TOKEN_USAGE,
                "span '" + span.getName() + "': " + e.getMessage(),
                ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(
                        ResourceSpans.newBuilder()
                            .setResource(rs.getResource())
                            .addScopeSpans(
                                ScopeSpans.newBuilder().setScope(ss.getScope()).addSpans(span)))
                    .build()
                    .toByteArray());
          }
        }
      }
    }
    return batch;
  }

  /** The event id of a span: {@code otel-span:<trace id hex>:<span id hex>}. */
  private static String spanEventId(ByteString traceId, ByteString spanId) {
    return "otel-span:"
        + HexFormat.of().formatHex(traceId.toByteArray())
        + ":"
        + HexFormat.of().formatHex(spanId.toByteArray());
  }

  /**
   * The event id of a GenAI log record: that of the span it was emitted in when it names one, so
   * that a model call reported both as a span and as a log event counts once (the job deduplicates
   * by event id), else the digest of the record.
   */
  private static String genAiLogEventId(ResourceLogs rl, LogRecord record) {
    if (isSet(record.getTraceId()) && isSet(record.getSpanId())) {
      return spanEventId(record.getTraceId(), record.getSpanId());
    }
    return "otlp-log:" + logDigest(rl.getResource(), record);
  }

  /** An OTLP trace or span id that is present and not all zeros (the invalid id). */
  private static boolean isSet(ByteString id) {
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }

  static boolean hasGenAiUsage(Attributes attrs) {
    return attrs.has("gen_ai.usage.input_tokens") || attrs.has("gen_ai.usage.output_tokens");
  }

  /**
   * OTel GenAI usage to {@link TokenUsage}. {@code gen_ai.usage.input_tokens} includes cached
   * tokens (semantic conventions), so uncached input = input − cache read − cache creation. When
   * that would be negative the instrumentation evidently reported uncached input already (some
   * Anthropic instrumentations do), and the value is taken as is.
   */
  private static TokenUsage genAiUsage(
      Attributes attrs,
      String eventId,
      Instant at,
      Long durationMs,
      RequestStatus status,
      String eventType,
      Instant acceptedAt) {
    String model = attrs.firstString("gen_ai.request.model", "gen_ai.response.model");
    if (model == null) {
      throw new MappingException(
          "neither gen_ai.request.model nor gen_ai.response.model is present");
    }
    long input = orZero(attrs.count("gen_ai.usage.input_tokens"));
    long cacheRead = orZero(attrs.count("gen_ai.usage.cache_read.input_tokens"));
    long cacheWrite = orZero(attrs.count("gen_ai.usage.cache_creation.input_tokens"));
    long output = orZero(attrs.count("gen_ai.usage.output_tokens"));
    long reasoning = orZero(attrs.count("gen_ai.usage.reasoning.output_tokens"));
    long uncached = input >= cacheRead + cacheWrite ? input - cacheRead - cacheWrite : input;
    String errorType = attrs.string("error.type");
    RequestStatus finalStatus =
        status != null ? status : errorType != null ? RequestStatus.ERROR : RequestStatus.SUCCESS;
    String provider = attrs.firstString("gen_ai.provider.name", "gen_ai.system");
    return TokenUsage.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(at)
        .setAcceptedAt(acceptedAt)
        .setSource(UsageSource.OTEL_GENAI)
        .setSourceEventType(eventType)
        .setProvider(provider == null ? "unknown" : provider.toLowerCase(Locale.ROOT))
        .setModel(model)
        .setTool(attrs.string("service.name"))
        .setOrganizationId(attrs.string("organization.id"))
        .setUserId(attrs.firstString("user.id", "enduser.id"))
        .setUserEmail(attrs.string("user.email"))
        .setAccountId(attrs.string("user.account_uuid"))
        .setSessionId(attrs.firstString("gen_ai.conversation.id", "session.id"))
        .setRepository(repository(attrs))
        .setBranch(attrs.firstString("vcs.ref.head.name", "git.branch", "branch"))
        .setRequestFingerprint(sizeFingerprint(model, uncached, output))
        .setInputTokens(uncached)
        .setCacheReadTokens(cacheRead)
        .setCacheWriteTokens(cacheWrite)
        .setOutputTokens(output)
        .setReasoningTokens(Math.min(reasoning, output))
        .setDurationMs(durationMs)
        .setStatus(finalStatus)
        .setErrorType(truncate(errorType, 200))
        .build();
  }

  // ------------------------------------------------------------------------------------------------ metrics

  public MappedBatch mapMetrics(ExportMetricsServiceRequest request) {
    Instant acceptedAt = clock.instant();
    MappedBatch batch = new MappedBatch();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric metric : sm.getMetricsList()) {
          List<NumberDataPoint> points;
          MetricTemporality temporality;
          switch (metric.getDataCase()) {
            case SUM -> {
              points = metric.getSum().getDataPointsList();
              temporality = temporality(metric.getSum().getAggregationTemporality());
            }
            case GAUGE -> {
              points = metric.getGauge().getDataPointsList();
              temporality = MetricTemporality.GAUGE;
            }
            default -> {
              points = List.of();
              temporality = MetricTemporality.UNKNOWN;
              batch.received();
              batch.ignored();
            }
          }
          for (NumberDataPoint point : points) {
            batch.received();
            if (!metric.getName().startsWith(CLAUDE_CODE_PREFIX)) {
              batch.ignored();
              continue;
            }
            Attributes attrs =
                Attributes.of(rm.getResource().getAttributesList(), point.getAttributesList());
            double value =
                point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
                    ? point.getAsInt()
                    : point.getAsDouble();
            Map<String, String> extra = new TreeMap<>();
            for (KeyValue kv : point.getAttributesList()) {
              if (!METRIC_FIELD_ATTRIBUTES.contains(kv.getKey())) {
                String s = Attributes.of(List.of(), List.of(kv)).string(kv.getKey());
                if (s != null) {
                  extra.put(kv.getKey(), truncate(s, 256));
                }
              }
            }
            String digest =
                Hashes.sha256Hex(
                        concat(
                            rm.getResource().toByteString(),
                            ByteString.copyFromUtf8(metric.getName()),
                            point.toByteString()))
                    .substring(0, 32);
            UsageMetric usage =
                UsageMetric.newBuilder()
                    .setEventId("otlp-metric:" + digest)
                    .setOccurredAt(
                        point.getTimeUnixNano() > 0 ? nanos(point.getTimeUnixNano()) : acceptedAt)
                    .setAcceptedAt(acceptedAt)
                    .setIntervalStart(
                        point.getStartTimeUnixNano() > 0
                            ? nanos(point.getStartTimeUnixNano())
                            : null)
                    .setSource(UsageSource.CLAUDE_CODE)
                    .setMetricName(metric.getName())
                    .setTemporality(temporality)
                    .setValue(value)
                    .setUnit(metric.getUnit().isEmpty() ? null : metric.getUnit())
                    .setModel(attrs.string("model"))
                    .setMetricType(attrs.string("type"))
                    .setTool("claude-code")
                    .setOrganizationId(attrs.string("organization.id"))
                    .setUserId(attrs.string("user.id"))
                    .setUserEmail(attrs.string("user.email"))
                    .setAccountId(attrs.string("user.account_uuid"))
                    .setSessionId(attrs.string("session.id"))
                    .setAttributes(Map.copyOf(extra))
                    .build();
            batch.add(new PendingRecord<>(Topics.USAGE_METRICS, usage));
          }
        }
      }
    }
    return batch;
  }

  private static MetricTemporality temporality(AggregationTemporality t) {
    return switch (t) {
      case AGGREGATION_TEMPORALITY_DELTA -> MetricTemporality.DELTA;
      case AGGREGATION_TEMPORALITY_CUMULATIVE -> MetricTemporality.CUMULATIVE;
      default -> MetricTemporality.UNKNOWN;
    };
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /**
   * Repository from OTel VCS resource attributes ({@code vcs.repository.url.full}) or a plain
   * attribute.
   */
  private static String repository(Attributes attrs) {
    return Repositories.normalise(
        attrs.firstString(
            "vcs.repository.url.full", "vcs.repository.name", "repository", "git.repository"));
  }

  /**
   * What makes two requests look the same when their content is unknown: model, uncached input and
   * output size. A loop resending the same context produces the same fingerprint; detectors combine
   * it with tool fingerprints.
   */
  static String sizeFingerprint(String model, long input, long output) {
    return "size:" + Hashes.sha256Hex(model + "|" + input + "|" + output).substring(0, 32);
  }

  private static String logDigest(Resource resource, LogRecord record) {
    return Hashes.sha256Hex(concat(resource.toByteString(), record.toByteString()))
        .substring(0, 32);
  }

  private static byte[] singleLog(ResourceLogs rl, ScopeLogs sl, LogRecord record) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(rl.getResource())
                .addScopeLogs(ScopeLogs.newBuilder().setScope(sl.getScope()).addLogRecords(record)))
        .build()
        .toByteArray();
  }

  private static byte[] concat(ByteString... parts) {
    ByteString all = ByteString.EMPTY;
    for (ByteString p : parts) {
      all = all.concat(ByteString.copyFrom(new byte[] {0})).concat(p);
    }
    return all.toByteArray();
  }

  private static Instant nanos(long unixNanos) {
    return Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L);
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
