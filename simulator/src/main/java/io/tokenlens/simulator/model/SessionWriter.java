package io.tokenlens.simulator.model;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.org.Engineer;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes one agent session onto a {@link Timeline}, event by event, with a moving clock. Records
 * are what the collector publishes for the corresponding Claude Code events (event id {@code
 * claude-code:<session>:<sequence>}, as ingest derives it) or, for the GenAI tool, for its spans
 * ({@code otel-span:<trace>:<span>}). Prompt text and tool parameters are represented by opaque
 * keys ({@code promptHash}, {@code toolArgumentsHash}); the wire encoders send them only when the
 * scenario enables it.
 */
public final class SessionWriter {
  /** The OTel GenAI-instrumented tool ({@code service.name}). */
  public static final String GENAI_TOOL = "aider";

  private final Timeline timeline;
  private final Ids ids;
  private final Engineer engineer;
  private final String sessionId;
  private final String repository;
  private final String branch;
  private final boolean genAi;
  private Instant now;
  private long sequence;
  private String promptId;
  private long tokens;
  private Instant first;

  public SessionWriter(
      Timeline timeline,
      Ids ids,
      Engineer engineer,
      String repository,
      String branch,
      boolean genAi,
      Instant start) {
    this.timeline = timeline;
    this.ids = ids;
    this.engineer = engineer;
    this.sessionId = ids.uuid();
    this.repository = repository;
    this.branch = branch;
    this.genAi = genAi;
    this.now = start;
    this.promptId = ids.uuid();
  }

  public String sessionId() {
    return sessionId;
  }

  public Engineer engineer() {
    return engineer;
  }

  public String branch() {
    return branch;
  }

  public String repository() {
    return repository;
  }

  public Instant now() {
    return now;
  }

  /** When the first event happened (the start when none yet). */
  public Instant first() {
    return first == null ? now : first;
  }

  /** Tokens of every kind so far. */
  public long tokens() {
    return tokens;
  }

  public SessionWriter advance(Duration gap) {
    now = now.plus(gap);
    return this;
  }

  public SessionWriter advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  /** A user prompt of {@code length} characters; {@code promptKey} stands for its text. */
  public void userPrompt(int length, String promptKey) {
    if (genAi) {
      return; // GenAI instrumentations emit spans per model call, no prompt events
    }
    promptId = ids.uuid();
    mark();
    timeline.add(
        Topics.AGENT_ACTIVITY,
        AgentActivities.aUserPrompt()
            .eventId(claudeCodeId())
            .at(now)
            .with(b -> b.setAccountId(engineer.accountId()))
            .email(engineer.email())
            .session(sessionId)
            .prompt(promptId)
            .sequence(sequence)
            .repo(repository, branch)
            .promptLength(length)
            .promptHash(promptKey)
            .build(),
        now);
  }

  /** A successful model request. */
  public TokenUsage request(
      String model, long input, long cacheRead, long cacheWrite, long output, long durationMs) {
    mark();
    tokens += input + cacheRead + cacheWrite + output;
    TokenUsages.Builder b =
        base(model).tokens(input, cacheRead, cacheWrite, output).durationMs(durationMs);
    TokenUsage usage = b.build();
    timeline.add(Topics.TOKEN_USAGE, usage, now);
    return usage;
  }

  /** A failed request ({@code claude_code.api_error}): the {@code attempt}-th try. */
  public void error(String model, String errorType, int status, int attempt, long durationMs) {
    mark();
    timeline.add(
        Topics.TOKEN_USAGE,
        base(model)
            .failed(errorType, status)
            .attempt(attempt)
            .tokens(0, 0, 0, 0)
            .durationMs(durationMs)
            .build(),
        now);
  }

  /** A tool's result; {@code argumentsKey} stands for its parameters. */
  public void toolResult(
      String tool, boolean success, String argumentsKey, long durationMs, long resultBytes) {
    if (genAi) {
      return;
    }
    mark();
    timeline.add(
        Topics.AGENT_ACTIVITY,
        AgentActivities.aToolResult()
            .eventId(claudeCodeId())
            .at(now)
            .with(
                b ->
                    b.setAccountId(engineer.accountId())
                        .setToolDurationMs(durationMs)
                        .setToolResultSizeBytes(resultBytes))
            .email(engineer.email())
            .session(sessionId)
            .prompt(promptId)
            .sequence(sequence)
            .repo(repository, branch)
            .toolName(tool)
            .toolSuccess(success)
            .toolArgumentsHash(argumentsKey)
            .build(),
        now);
  }

  /** The user's accept or reject of a proposed edit. */
  public void decision(String tool, boolean accept, String argumentsKey) {
    if (genAi) {
      return;
    }
    mark();
    AgentActivities.Builder decision =
        accept ? AgentActivities.anAcceptedEdit() : AgentActivities.aRejectedEdit();
    timeline.add(
        Topics.AGENT_ACTIVITY,
        decision
            .eventId(claudeCodeId())
            .at(now)
            .with(b -> b.setAccountId(engineer.accountId()))
            .email(engineer.email())
            .session(sessionId)
            .prompt(promptId)
            .sequence(sequence)
            .repo(repository, branch)
            .toolName(tool)
            .toolArgumentsHash(argumentsKey)
            .build(),
        now);
  }

  private TokenUsages.Builder base(String model) {
    TokenUsages.Builder b =
        TokenUsages.aRequest()
            .at(now)
            .model(model)
            .email(engineer.email())
            .account(engineer.accountId())
            .session(sessionId)
            .repo(repository, branch);
    if (genAi) {
      return b.eventId("otel-span:" + ids.hex(16) + ":" + ids.hex(8))
          .source(UsageSource.OTEL_GENAI)
          .provider(model.startsWith("gpt") ? "openai" : "anthropic")
          .tool(GENAI_TOOL)
          .with(x -> x.setSourceEventType("gen_ai.chat").setPromptId(null).setAccountId(null));
    }
    return b.eventId(claudeCodeId()).prompt(promptId).sequence(sequence);
  }

  private void mark() {
    sequence++;
    if (first == null) {
      first = now;
    }
  }

  private String claudeCodeId() {
    return "claude-code:" + sessionId + ":" + sequence;
  }
}
