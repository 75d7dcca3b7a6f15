package io.tokenlens.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenlens.ingest.Hashes;
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
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpMapperTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private final OtlpMapper mapper = new OtlpMapper(Clock.fixed(NOW, ZoneOffset.UTC));

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  /** The resource Claude Code sends, with the repository set through OTEL_RESOURCE_ATTRIBUTES. */
  static Resource claudeCodeResource() {
    return Resource.newBuilder()
        .addAttributes(attr("service.name", "claude-code"))
        .addAttributes(attr("service.version", "2.0.31"))
        .addAttributes(attr("os.type", "linux"))
        .addAttributes(attr("host.arch", "amd64"))
        .addAttributes(attr("vcs.repository.url.full", "https://github.com/acme/shop"))
        .addAttributes(attr("vcs.ref.head.name", "feature/cart"))
        .build();
  }

  /** A Claude Code event as its OTLP log exporter sends it: body and event.name name the event. */
  static LogRecord.Builder claudeCodeEvent(String name, long sequence) {
    return LogRecord.newBuilder()
        .setTimeUnixNano(1_795_338_000_000_000_000L)
        .setBody(AnyValue.newBuilder().setStringValue("claude_code." + name))
        .addAttributes(attr("event.name", name))
        .addAttributes(attr("event.timestamp", "2026-11-22T08:58:01.250Z"))
        .addAttributes(attr("event.sequence", sequence))
        .addAttributes(attr("session.id", "5b1c6c2e-2f0e-4a8e-9a65-0c3f1f1a2b3c"))
        .addAttributes(attr("user.id", "b4a2f2c7d6e0"))
        .addAttributes(attr("user.email", "ada@example.com"))
        .addAttributes(attr("user.account_uuid", "0b9f1f0e-acc0-4c55-b1a3-2e2f3a4b5c6d"))
        .addAttributes(attr("organization.id", "org-7f3e"))
        .addAttributes(attr("terminal.type", "vscode"))
        .addAttributes(attr("prompt.id", "p-42"));
  }

  static ExportLogsServiceRequest logs(LogRecord... records) {
    ScopeLogs.Builder scope =
        ScopeLogs.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("com.anthropic.claude_code.events")
                    .setVersion("2.0.31"));
    for (LogRecord r : records) {
      scope.addLogRecords(r);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder().setResource(claudeCodeResource()).addScopeLogs(scope))
        .build();
  }

  @Test
  void shouldMapAClaudeCodeApiRequestWithStringNumbersOntoTokenUsage() {
    LogRecord apiRequest =
        claudeCodeEvent("api_request", 7)
            .addAttributes(attr("model", "claude-sonnet-4-5-20250929"))
            .addAttributes(attr("input_tokens", "1234"))
            .addAttributes(attr("output_tokens", "567"))
            .addAttributes(attr("cache_read_tokens", "40000"))
            .addAttributes(attr("cache_creation_tokens", "2000"))
            .addAttributes(attr("cost_usd", "0.0421"))
            .addAttributes(attr("duration_ms", "8123"))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(apiRequest));

    assertThat(batch.rejections()).isEmpty();
    assertThat(batch.records()).hasSize(1);
    assertThat(batch.records().get(0).topic()).isEqualTo(Topics.TOKEN_USAGE);
    TokenUsage u = (TokenUsage) batch.records().get(0).value();
    assertThat(u.getEventId()).isEqualTo("claude-code:5b1c6c2e-2f0e-4a8e-9a65-0c3f1f1a2b3c:7");
    assertThat(u.getSource()).isEqualTo(UsageSource.CLAUDE_CODE);
    assertThat(u.getSourceEventType()).isEqualTo("claude_code.api_request");
    assertThat(u.getProvider()).isEqualTo("anthropic");
    assertThat(u.getModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(u.getTool()).isEqualTo("claude-code");
    // Claude Code's input_tokens already excludes cached tokens: taken as is
    assertThat(u.getInputTokens()).isEqualTo(1234);
    assertThat(u.getCacheReadTokens()).isEqualTo(40000);
    assertThat(u.getCacheWriteTokens()).isEqualTo(2000);
    assertThat(u.getOutputTokens()).isEqualTo(567);
    assertThat(u.getReportedCostUsd()).isEqualTo(0.0421);
    assertThat(u.getDurationMs()).isEqualTo(8123);
    assertThat(u.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:58:01.250Z"));
    assertThat(u.getAcceptedAt()).isEqualTo(NOW);
    assertThat(u.getSessionId()).isEqualTo("5b1c6c2e-2f0e-4a8e-9a65-0c3f1f1a2b3c");
    assertThat(u.getUserEmail()).isEqualTo("ada@example.com");
    assertThat(u.getAccountId()).isEqualTo("0b9f1f0e-acc0-4c55-b1a3-2e2f3a4b5c6d");
    assertThat(u.getOrganizationId()).isEqualTo("org-7f3e");
    assertThat(u.getPromptId()).isEqualTo("p-42");
    assertThat(u.getEventSequence()).isEqualTo(7);
    assertThat(u.getRepository()).isEqualTo("acme/shop");
    assertThat(u.getBranch()).isEqualTo("feature/cart");
    assertThat(u.getStatus()).isEqualTo(RequestStatus.SUCCESS);
    assertThat(u.getRequestFingerprint()).startsWith("size:");
  }

  @Test
  void shouldMapAnApiErrorAsAFailedRequestWithItsAttempt() {
    LogRecord apiError =
        claudeCodeEvent("api_error", 8)
            .addAttributes(attr("model", "claude-sonnet-4-5"))
            .addAttributes(attr("error", "Overloaded"))
            .addAttributes(attr("status_code", "529"))
            .addAttributes(attr("duration_ms", "412"))
            .addAttributes(attr("attempt", "3"))
            .build();

    TokenUsage u = (TokenUsage) mapper.mapLogs(logs(apiError)).records().get(0).value();

    assertThat(u.getStatus()).isEqualTo(RequestStatus.ERROR);
    assertThat(u.getErrorType()).isEqualTo("Overloaded");
    assertThat(u.getHttpStatusCode()).isEqualTo(529);
    assertThat(u.getAttempt()).isEqualTo(3);
    assertThat(u.getInputTokens() + u.getOutputTokens()).isZero();
  }

  @Test
  void shouldKeepOnlyTheLengthAndHashOfAPromptNeverItsText() {
    LogRecord prompt =
        claudeCodeEvent("user_prompt", 1)
            .addAttributes(attr("prompt_length", "27"))
            .addAttributes(attr("prompt", "fix the flaky checkout test"))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(prompt));

    AgentActivity a = (AgentActivity) batch.records().get(0).value();
    assertThat(batch.records().get(0).topic()).isEqualTo(Topics.AGENT_ACTIVITY);
    assertThat(a.getKind()).isEqualTo(ActivityKind.USER_PROMPT);
    assertThat(a.getPromptLength()).isEqualTo(27);
    assertThat(a.getPromptHash()).isEqualTo(Hashes.sha256Hex("fix the flaky checkout test"));
    assertThat(a.toString()).doesNotContain("flaky checkout");
  }

  @Test
  void shouldMapToolResultsAndDecisionsWithAHashOfTheParameters() {
    LogRecord result =
        claudeCodeEvent("tool_result", 2)
            .addAttributes(attr("tool_name", "Bash"))
            .addAttributes(attr("success", "true"))
            .addAttributes(attr("duration_ms", "1530"))
            .addAttributes(attr("decision", "accept"))
            .addAttributes(attr("source", "config"))
            .addAttributes(attr("tool_result_size_bytes", "2048"))
            .addAttributes(attr("tool_parameters", "{\"bash_command\":\"npm test\"}"))
            .build();
    LogRecord decision =
        claudeCodeEvent("tool_decision", 3)
            .addAttributes(attr("tool_name", "Edit"))
            .addAttributes(attr("decision", "reject"))
            .addAttributes(attr("source", "user_reject"))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(result, decision));

    AgentActivity r = (AgentActivity) batch.records().get(0).value();
    assertThat(r.getKind()).isEqualTo(ActivityKind.TOOL_RESULT);
    assertThat(r.getToolName()).isEqualTo("Bash");
    assertThat(r.getToolSuccess()).isTrue();
    assertThat(r.getToolDurationMs()).isEqualTo(1530);
    assertThat(r.getToolResultSizeBytes()).isEqualTo(2048);
    assertThat(r.getToolArgumentsHash())
        .isEqualTo(Hashes.sha256Hex("\n{\"bash_command\":\"npm test\"}"));
    assertThat(r.toString()).doesNotContain("npm test");
    AgentActivity d = (AgentActivity) batch.records().get(1).value();
    assertThat(d.getKind()).isEqualTo(ActivityKind.TOOL_DECISION);
    assertThat(d.getDecision()).isEqualTo(ToolDecision.REJECT);
    assertThat(d.getDecisionSource()).isEqualTo("user_reject");
  }

  @Test
  void shouldMapTheDecisionTypeAndDecisionSourceOfAToolResult() {
    LogRecord result =
        claudeCodeEvent("tool_result", 2)
            .addAttributes(attr("tool_name", "Edit"))
            .addAttributes(attr("success", "false"))
            .addAttributes(attr("decision_type", "reject"))
            .addAttributes(attr("decision_source", "user_reject"))
            .build();

    AgentActivity r = (AgentActivity) mapper.mapLogs(logs(result)).records().get(0).value();

    assertThat(r.getKind()).isEqualTo(ActivityKind.TOOL_RESULT);
    assertThat(r.getDecision()).isEqualTo(ToolDecision.REJECT);
    assertThat(r.getDecisionSource()).isEqualTo("user_reject");
  }

  @Test
  void shouldAcceptEitherSpellingOfTheDecisionOnToolResultsAndToolDecisions() {
    LogRecord olderResult =
        claudeCodeEvent("tool_result", 2)
            .addAttributes(attr("tool_name", "Bash"))
            .addAttributes(attr("decision", "accept"))
            .addAttributes(attr("source", "config"))
            .build();
    LogRecord decision =
        claudeCodeEvent("tool_decision", 3)
            .addAttributes(attr("tool_name", "Edit"))
            .addAttributes(attr("decision", "accept"))
            .addAttributes(attr("source", "user_temporary"))
            .build();
    LogRecord decisionWithResultSpelling =
        claudeCodeEvent("tool_decision", 4)
            .addAttributes(attr("tool_name", "Write"))
            .addAttributes(attr("decision_type", "reject"))
            .addAttributes(attr("decision_source", "hook"))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(olderResult, decision, decisionWithResultSpelling));

    assertThat(batch.rejections()).isEmpty();
    assertThat(batch.records())
        .extracting(p -> (AgentActivity) p.value())
        .extracting(AgentActivity::getDecision, AgentActivity::getDecisionSource)
        .containsExactly(
            tuple(ToolDecision.ACCEPT, "config"),
            tuple(ToolDecision.ACCEPT, "user_temporary"),
            tuple(ToolDecision.REJECT, "hook"));
  }

  @Test
  void shouldPreferTheSpellingEachEventDocuments() {
    LogRecord result =
        claudeCodeEvent("tool_result", 2)
            .addAttributes(attr("tool_name", "Edit"))
            .addAttributes(attr("decision_type", "accept"))
            .addAttributes(attr("decision_source", "user_permanent"))
            .addAttributes(attr("decision", "reject"))
            .addAttributes(attr("source", "user_reject"))
            .build();
    LogRecord decision =
        claudeCodeEvent("tool_decision", 3)
            .addAttributes(attr("tool_name", "Edit"))
            .addAttributes(attr("decision", "reject"))
            .addAttributes(attr("source", "user_reject"))
            .addAttributes(attr("decision_type", "accept"))
            .addAttributes(attr("decision_source", "config"))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(result, decision));

    AgentActivity r = (AgentActivity) batch.records().get(0).value();
    assertThat(r.getDecision()).isEqualTo(ToolDecision.ACCEPT);
    assertThat(r.getDecisionSource()).isEqualTo("user_permanent");
    AgentActivity d = (AgentActivity) batch.records().get(1).value();
    assertThat(d.getDecision()).isEqualTo(ToolDecision.REJECT);
    assertThat(d.getDecisionSource()).isEqualTo("user_reject");
  }

  @Test
  void shouldGiveToolResultsWithDifferentToolInputsDifferentArgumentHashes() {
    LogRecord readCart =
        claudeCodeEvent("tool_result", 2)
            .addAttributes(attr("tool_name", "Read"))
            .addAttributes(attr("tool_input", "{\"file_path\":\"/repo/src/cart.ts\"}"))
            .build();
    LogRecord readCheckout =
        claudeCodeEvent("tool_result", 3)
            .addAttributes(attr("tool_name", "Read"))
            .addAttributes(attr("tool_input", "{\"file_path\":\"/repo/src/checkout.ts\"}"))
            .build();
    LogRecord readCartAgain =
        claudeCodeEvent("tool_result", 4)
            .addAttributes(attr("tool_name", "Read"))
            .addAttributes(attr("tool_input", "{\"file_path\":\"/repo/src/cart.ts\"}"))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(readCart, readCheckout, readCartAgain));

    String cart = ((AgentActivity) batch.records().get(0).value()).getToolArgumentsHash();
    String checkout = ((AgentActivity) batch.records().get(1).value()).getToolArgumentsHash();
    String cartAgain = ((AgentActivity) batch.records().get(2).value()).getToolArgumentsHash();
    assertThat(cart).isNotNull().isNotEqualTo(checkout).isEqualTo(cartAgain);
    assertThat(checkout).isNotNull();
    assertThat(batch.records().get(0).value().toString()).doesNotContain("cart.ts");
  }

  @Test
  void shouldHashToolInputAndToolParametersTogetherWhicheverIsSent() {
    String input = "{\"command\":\"npm test\"}";
    String parameters = "{\"bash_command\":\"npm\",\"full_command\":\"npm test\"}";
    LogRecord inputOnly =
        claudeCodeEvent("tool_result", 2)
            .addAttributes(attr("tool_name", "Bash"))
            .addAttributes(attr("tool_input", input))
            .build();
    LogRecord parametersOnly =
        claudeCodeEvent("tool_result", 3)
            .addAttributes(attr("tool_name", "Bash"))
            .addAttributes(attr("tool_parameters", parameters))
            .build();
    LogRecord both =
        claudeCodeEvent("tool_result", 4)
            .addAttributes(attr("tool_name", "Bash"))
            .addAttributes(attr("tool_input", input))
            .addAttributes(attr("tool_parameters", parameters))
            .build();
    LogRecord decision =
        claudeCodeEvent("tool_decision", 5)
            .addAttributes(attr("tool_name", "Bash"))
            .addAttributes(attr("decision", "accept"))
            .addAttributes(attr("tool_input", input))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(inputOnly, parametersOnly, both, decision));

    assertThat(batch.records())
        .extracting(p -> ((AgentActivity) p.value()).getToolArgumentsHash())
        .containsExactly(
            Hashes.sha256Hex(input + "\n"),
            Hashes.sha256Hex("\n" + parameters),
            Hashes.sha256Hex(input + "\n" + parameters),
            Hashes.sha256Hex(input + "\n"));
  }

  @Test
  void shouldNeverHashARedactionPlaceholderOrABlankValueAsContent() {
    LogRecord redacted =
        claudeCodeEvent("user_prompt", 1)
            .addAttributes(attr("prompt_length", "27"))
            .addAttributes(attr("prompt", "<REDACTED>"))
            .build();
    LogRecord redactedWithoutLength =
        claudeCodeEvent("user_prompt", 2).addAttributes(attr("prompt", " <redacted> ")).build();
    LogRecord blank =
        claudeCodeEvent("user_prompt", 3)
            .addAttributes(attr("prompt_length", "12"))
            .addAttributes(attr("prompt", "   "))
            .build();
    LogRecord redactedInput =
        claudeCodeEvent("tool_result", 4)
            .addAttributes(attr("tool_name", "Bash"))
            .addAttributes(attr("tool_input", "<REDACTED>"))
            .addAttributes(attr("tool_parameters", "{\"bash_command\":\"ls\"}"))
            .build();
    LogRecord nothingButPlaceholders =
        claudeCodeEvent("tool_result", 5)
            .addAttributes(attr("tool_name", "Read"))
            .addAttributes(attr("tool_input", "<Redacted>"))
            .addAttributes(attr("tool_parameters", " "))
            .build();

    MappedBatch batch =
        mapper.mapLogs(
            logs(redacted, redactedWithoutLength, blank, redactedInput, nothingButPlaceholders));

    assertThat(batch.records())
        .extracting(p -> (AgentActivity) p.value())
        .extracting(
            AgentActivity::getPromptHash,
            AgentActivity::getPromptLength,
            AgentActivity::getToolArgumentsHash)
        .containsExactly(
            tuple(null, 27, null),
            tuple(null, null, null),
            tuple(null, 12, null),
            tuple(null, null, Hashes.sha256Hex("\n{\"bash_command\":\"ls\"}")),
            tuple(null, null, null));
  }

  @Test
  void shouldIgnoreOtherLogRecordsAndRejectUnmappableOnes() {
    LogRecord other =
        LogRecord.newBuilder()
            .setBody(AnyValue.newBuilder().setStringValue("GET /health 200"))
            .build();
    LogRecord noModel =
        claudeCodeEvent("api_request", 9).addAttributes(attr("input_tokens", "5")).build();
    LogRecord badNumber =
        claudeCodeEvent("api_request", 10)
            .addAttributes(attr("model", "m"))
            .addAttributes(attr("input_tokens", "lots"))
            .build();

    MappedBatch batch = mapper.mapLogs(logs(other, noModel, badNumber));

    assertThat(batch.receivedCount()).isEqualTo(3);
    assertThat(batch.ignoredCount()).isEqualTo(1);
    assertThat(batch.records()).isEmpty();
    assertThat(batch.rejections())
        .extracting(MappedBatch.Rejection::reason)
        .containsExactly(
            "claude_code.api_request: attribute 'model' is missing",
            "claude_code.api_request: input_tokens: 'lots' is not a whole number");
    assertThat(batch.rejections())
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.TOKEN_USAGE));
  }

  @Test
  void shouldGiveTheSameEventIdToTheSameRecordSentTwice() {
    LogRecord noSequence =
        LogRecord.newBuilder()
            .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
            .setTimeUnixNano(1_795_338_000_000_000_000L)
            .addAttributes(attr("model", "m"))
            .addAttributes(attr("input_tokens", 1))
            .build();

    String first =
        ((TokenUsage) mapper.mapLogs(logs(noSequence)).records().get(0).value()).getEventId();
    String second =
        ((TokenUsage) mapper.mapLogs(logs(noSequence)).records().get(0).value()).getEventId();

    assertThat(first).startsWith("otlp-log:").isEqualTo(second);
  }

  @Test
  void shouldSubtractCachedTokensFromOtelGenAiInputOnSpans() {
    byte[] traceId = HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c");
    byte[] spanId = HexFormat.of().parseHex("eee19b7ec3c1b174");
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(traceId))
            .setSpanId(ByteString.copyFrom(spanId))
            .setName("chat gpt-5")
            .setStartTimeUnixNano(1_795_338_000_000_000_000L)
            .setEndTimeUnixNano(1_795_338_002_500_000_000L)
            .addAttributes(attr("gen_ai.operation.name", "chat"))
            .addAttributes(attr("gen_ai.provider.name", "openai"))
            .addAttributes(attr("gen_ai.request.model", "gpt-5"))
            .addAttributes(attr("gen_ai.usage.input_tokens", 10_000))
            .addAttributes(attr("gen_ai.usage.cache_read.input_tokens", 7_000))
            .addAttributes(attr("gen_ai.usage.cache_creation.input_tokens", 1_000))
            .addAttributes(attr("gen_ai.usage.output_tokens", 300))
            .addAttributes(attr("gen_ai.conversation.id", "conv-1"))
            .build();
    Span plain = Span.newBuilder().setName("GET /").build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(attr("service.name", "checkout-agent")))
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(span).addSpans(plain)))
            .build();

    MappedBatch batch = mapper.mapTraces(request);

    assertThat(batch.ignoredCount()).isEqualTo(1);
    TokenUsage u = (TokenUsage) batch.records().get(0).value();
    assertThat(u.getEventId())
        .isEqualTo("otel-span:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174");
    assertThat(u.getSource()).isEqualTo(UsageSource.OTEL_GENAI);
    assertThat(u.getProvider()).isEqualTo("openai");
    assertThat(u.getInputTokens()).isEqualTo(2_000);
    assertThat(u.getCacheReadTokens()).isEqualTo(7_000);
    assertThat(u.getCacheWriteTokens()).isEqualTo(1_000);
    assertThat(u.getOutputTokens()).isEqualTo(300);
    assertThat(u.getDurationMs()).isEqualTo(2_500);
    assertThat(u.getSessionId()).isEqualTo("conv-1");
    assertThat(u.getTool()).isEqualTo("checkout-agent");
    assertThat(u.getSourceEventType()).isEqualTo("gen_ai.chat");
  }

  @Test
  void shouldCountAnAgentsModelCallsAndNotTheTotalOnItsAgentSpan() {
    ByteString trace =
        ByteString.copyFrom(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c"));
    Span agent = genAiSpan(trace, "00000000000000a1", "invoke_agent", 3_000, 200);
    Span call1 =
        genAiSpan(trace, "00000000000000b1", "chat", 1_000, 100).toBuilder()
            .setParentSpanId(agent.getSpanId())
            .build();
    Span call2 =
        genAiSpan(trace, "00000000000000b2", "chat", 2_000, 100).toBuilder()
            .setParentSpanId(agent.getSpanId())
            .build();

    MappedBatch calls = mapper.mapTraces(traces(call1, call2));
    MappedBatch agentLater =
        mapper.mapTraces(traces(agent)); // exported after its children, in a request of its own
    MappedBatch counted =
        new OtlpMapper(Clock.fixed(NOW, ZoneOffset.UTC), AgentSpanUsage.COUNT)
            .mapTraces(traces(agent));

    assertThat(calls.records())
        .extracting(r -> ((TokenUsage) r.value()).getInputTokens())
        .containsExactly(1_000L, 2_000L);
    assertThat(agentLater.records()).as("the agent span's total is not counted again").isEmpty();
    assertThat(agentLater.ignoredCount()).isEqualTo(1);
    assertThat(counted.records()).as("counted when the agents report usage only there").hasSize(1);
  }

  @Test
  void shouldGiveAGenAiLogEventTheEventIdOfTheSpanItWasEmittedIn() {
    ByteString trace =
        ByteString.copyFrom(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c"));
    Span call = genAiSpan(trace, "00000000000000b1", "chat", 1_000, 100);
    LogRecord sameCall =
        LogRecord.newBuilder()
            .setEventName("gen_ai.client.inference.operation.details")
            .setTimeUnixNano(1_795_338_000_000_000_000L)
            .setTraceId(trace)
            .setSpanId(call.getSpanId())
            .addAttributes(attr("gen_ai.request.model", "gpt-5"))
            .addAttributes(attr("gen_ai.usage.input_tokens", 1_000))
            .addAttributes(attr("gen_ai.usage.output_tokens", 100))
            .build();
    LogRecord outsideASpan =
        sameCall.toBuilder().setTraceId(ByteString.EMPTY).setSpanId(ByteString.EMPTY).build();

    String fromSpan =
        ((TokenUsage) mapper.mapTraces(traces(call)).records().get(0).value()).getEventId();
    String fromLog =
        ((TokenUsage) mapper.mapLogs(logs(sameCall)).records().get(0).value()).getEventId();
    String fromLogAlone =
        ((TokenUsage) mapper.mapLogs(logs(outsideASpan)).records().get(0).value()).getEventId();

    assertThat(fromLog)
        .as("one model call, one event id: the job counts it once")
        .isEqualTo(fromSpan)
        .isEqualTo("otel-span:5b8efff798038103d269b633813fc60c:00000000000000b1");
    assertThat(fromLogAlone).startsWith("otlp-log:");
  }

  private static Span genAiSpan(
      ByteString trace, String spanIdHex, String operation, long input, long output) {
    return Span.newBuilder()
        .setTraceId(trace)
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanIdHex)))
        .setName(operation + " gpt-5")
        .setStartTimeUnixNano(1_795_338_000_000_000_000L)
        .setEndTimeUnixNano(1_795_338_001_000_000_000L)
        .addAttributes(attr("gen_ai.operation.name", operation))
        .addAttributes(attr("gen_ai.request.model", "gpt-5"))
        .addAttributes(attr("gen_ai.usage.input_tokens", input))
        .addAttributes(attr("gen_ai.usage.output_tokens", output))
        .build();
  }

  private static ExportTraceServiceRequest traces(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(java.util.List.of(spans))))
        .build();
  }

  @Test
  void shouldMapClaudeCodeDeltaMetricsAndIgnoreOthers() {
    Metric tokens =
        Metric.newBuilder()
            .setName("claude_code.token.usage")
            .setUnit("tokens")
            .setSum(
                Sum.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .setIsMonotonic(true)
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setStartTimeUnixNano(1_795_337_940_000_000_000L)
                            .setTimeUnixNano(1_795_338_000_000_000_000L)
                            .setAsDouble(1234)
                            .addAttributes(attr("type", "cacheRead"))
                            .addAttributes(attr("model", "claude-sonnet-4-5"))
                            .addAttributes(attr("session.id", "s-1"))
                            .addAttributes(attr("user.email", "ada@example.com"))
                            .addAttributes(attr("terminal.type", "vscode"))
                            .addAttributes(
                                attr("tool_input", "{\"file_path\":\"/home/ada/.ssh/id_rsa\"}"))))
            .build();
    Metric other =
        Metric.newBuilder()
            .setName("jvm.memory.used")
            .setSum(Sum.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setAsInt(5)))
            .build();
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(claudeCodeResource())
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder().addMetrics(tokens).addMetrics(other)))
            .build();

    MappedBatch batch = mapper.mapMetrics(request);

    assertThat(batch.ignoredCount()).isEqualTo(1);
    assertThat(batch.records()).hasSize(1);
    assertThat(batch.records().get(0).topic()).isEqualTo(Topics.USAGE_METRICS);
    UsageMetric m = (UsageMetric) batch.records().get(0).value();
    assertThat(m.getMetricName()).isEqualTo("claude_code.token.usage");
    assertThat(m.getTemporality()).isEqualTo(MetricTemporality.DELTA);
    assertThat(m.getValue()).isEqualTo(1234.0);
    assertThat(m.getMetricType()).isEqualTo("cacheRead");
    assertThat(m.getModel()).isEqualTo("claude-sonnet-4-5");
    assertThat(m.getSessionId()).isEqualTo("s-1");
    assertThat(m.getUserEmail()).isEqualTo("ada@example.com");
    assertThat(m.getUnit()).isEqualTo("tokens");
    assertThat(m.getIntervalStart()).isEqualTo(Instant.parse("2026-11-22T08:59:00Z"));
    assertThat(m.getAttributes()).containsExactly(java.util.Map.entry("terminal.type", "vscode"));
    assertThat(m.getEventId()).startsWith("otlp-metric:");
  }
}
