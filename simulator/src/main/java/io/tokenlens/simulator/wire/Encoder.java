package io.tokenlens.simulator.wire;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.simulator.model.Push;
import io.tokenlens.simulator.model.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a timeline into the HTTP requests the real sources would send, in the order they send them:
 * Claude Code and the GenAI tool export events and spans per session every {@link
 * #EXPORT_INTERVAL}, Claude Code its token counter every minute ({@link ClaudeCodeMetrics}) (at
 * most {@link #MAX_BATCH} records a request, the OTel batch processors' behaviour with the defaults
 * capped), GitHub and PagerDuty deliver one webhook per event a second or two after it. Within an
 * OTLP request, records are in no particular order ({@link #shuffled}).
 */
public final class Encoder {
  public static final Duration EXPORT_INTERVAL = Duration.ofSeconds(5);
  public static final int MAX_BATCH = 100;

  private final ClaudeCodeLogs claudeCode;
  private final GenAiSpans genAi = new GenAiSpans();
  private final ClaudeCodeMetrics metrics = new ClaudeCodeMetrics();
  private final GitHubWebhooks gitHub;
  private final PagerDutyWebhooks pagerDuty;

  public Encoder(Scenario scenario, String gitHubSecret, String pagerDutySecret) {
    this.claudeCode = new ClaudeCodeLogs(scenario);
    this.gitHub = new GitHubWebhooks(gitHubSecret);
    this.pagerDuty = new PagerDutyWebhooks(pagerDutySecret);
  }

  /** Every request, ordered by the time it is sent. */
  public List<HttpDelivery> encode(Timeline timeline) {
    List<HttpDelivery> out = new ArrayList<>();
    Map<String, List<SpecificRecord>> claudeSessions = new LinkedHashMap<>();
    Map<String, List<SpecificRecord>> genAiSessions = new LinkedHashMap<>();
    Map<String, String> branches = new HashMap<>();
    for (GeneratedEvent e : timeline.events()) {
      SpecificRecord v = e.value();
      if (v instanceof TokenUsage u && u.getSource() == UsageSource.OTEL_GENAI) {
        genAiSessions.computeIfAbsent(u.getSessionId(), k -> new ArrayList<>()).add(u);
      } else if (v instanceof TokenUsage u) {
        claudeSessions.computeIfAbsent(u.getSessionId(), k -> new ArrayList<>()).add(u);
      } else if (v instanceof AgentActivity a) {
        claudeSessions.computeIfAbsent(a.getSessionId(), k -> new ArrayList<>()).add(a);
      } else if (v instanceof PullRequestEvent pr) {
        branches.put(pr.getRepository() + "#" + pr.getNumber(), pr.getBranch());
        out.add(gitHub.pullRequest(pr).sentAt(e.occurredAt().plusSeconds(1)));
      } else if (v instanceof PullRequestReview r) {
        out.add(
            gitHub
                .review(r, branches.getOrDefault(r.getRepository() + "#" + r.getNumber(), "main"))
                .sentAt(e.occurredAt().plusSeconds(1)));
      } else if (v instanceof IncidentEvent i) {
        out.add(pagerDuty.incident(i).sentAt(e.occurredAt().plusSeconds(2)));
      }
    }
    for (Push p : timeline.pushes()) {
      out.add(gitHub.push(p).sentAt(p.at().plusSeconds(1)));
    }
    claudeSessions.forEach(
        (session, records) ->
            batches(records, Encoder::occurredAt)
                .forEach(b -> out.add(claudeCode.export(shuffled(b, session), sentAt(b)))));
    claudeSessions
        .values()
        .forEach(
            records ->
                out.addAll(
                    metrics.export(
                        records.stream()
                            .filter(TokenUsage.class::isInstance)
                            .map(TokenUsage.class::cast)
                            .toList())));
    genAiSessions.forEach(
        (session, records) ->
            batches(records, Encoder::occurredAt)
                .forEach(
                    b ->
                        out.add(
                            genAi.export(
                                shuffled(b, session).stream().map(TokenUsage.class::cast).toList(),
                                sentAt(b)))));
    out.sort(Comparator.comparing(HttpDelivery::sentAt));
    return out;
  }

  /**
   * The batch's records in the order an exporter happens to hold them: a batch processor drains
   * several threads' queues, so records of one export interval are not in event order. Seeded by
   * the session and the batch's first record, so the same timeline always gives the same order.
   */
  static List<SpecificRecord> shuffled(List<SpecificRecord> batch, String session) {
    List<SpecificRecord> out = new ArrayList<>(batch);
    java.util.Collections.shuffle(
        out,
        new java.util.Random(session.hashCode() * 31L + occurredAt(batch.get(0)).toEpochMilli()));
    return out;
  }

  private static Instant sentAt(List<SpecificRecord> batch) {
    return occurredAt(batch.get(batch.size() - 1)).plus(EXPORT_INTERVAL);
  }

  private static Instant occurredAt(SpecificRecord r) {
    return r instanceof TokenUsage u ? u.getOccurredAt() : ((AgentActivity) r).getOccurredAt();
  }

  /**
   * Consecutive records of one session cut at every export interval and at {@link #MAX_BATCH}
   * records.
   */
  static List<List<SpecificRecord>> batches(
      List<SpecificRecord> records, java.util.function.Function<SpecificRecord, Instant> time) {
    List<List<SpecificRecord>> batches = new ArrayList<>();
    List<SpecificRecord> current = new ArrayList<>();
    Instant windowEnd = null;
    for (SpecificRecord r : records) {
      Instant at = time.apply(r);
      if (windowEnd == null || !at.isBefore(windowEnd) || current.size() == MAX_BATCH) {
        if (!current.isEmpty()) {
          batches.add(current);
        }
        current = new ArrayList<>();
        windowEnd = at.plus(EXPORT_INTERVAL);
      }
      current.add(r);
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
