package io.tokenlens.simulator.waste;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentStatus;
import io.tokenlens.schemas.avro.PrAction;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.ToolDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Each pattern's signal computed straight from its definition over generated events, independently
 * of the planters: the tests check that planted occurrences reach the thresholds and near-misses
 * stay below them.
 */
final class Signals {
  private final List<GeneratedEvent> events;

  Signals(List<GeneratedEvent> events) {
    this.events = events;
  }

  List<TokenUsage> requests() {
    return of(TokenUsage.class).stream()
        .filter(u -> u.getStatus() == RequestStatus.SUCCESS)
        .toList();
  }

  <T> List<T> of(Class<T> type) {
    return events.stream()
        .map(GeneratedEvent::value)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  static String fingerprint(TokenUsage u) {
    return u.getModel() + "|" + u.getInputTokens() + "|" + u.getOutputTokens();
  }

  static long totalInput(TokenUsage u) {
    return u.getInputTokens() + u.getCacheReadTokens() + u.getCacheWriteTokens();
  }

  /**
   * Most requests of one session and model within the window, with no user prompt in between, that
   * led to the same tool call (the same tool with the same arguments: the first tool result after
   * the request).
   */
  int maxLoopRepeats(Duration window) {
    int max = 0;
    for (List<Object> session : sessions().values()) {
      List<Object[]> run = new ArrayList<>(); // {request time, model, call}
      List<TokenUsage> waiting = new ArrayList<>();
      for (Object e : session) {
        if (e instanceof AgentActivity a && a.getKind() == ActivityKind.USER_PROMPT) {
          run.clear();
          waiting.clear();
        } else if (e instanceof TokenUsage u && u.getStatus() == RequestStatus.SUCCESS) {
          waiting.add(u);
        } else if (e instanceof AgentActivity a && a.getKind() == ActivityKind.TOOL_RESULT) {
          String call = a.getToolName() + "|" + a.getToolArgumentsHash();
          for (TokenUsage u : waiting) {
            run.add(new Object[] {u.getOccurredAt(), u.getModel(), call});
            max =
                Math.max(
                    max,
                    (int)
                        run.stream()
                            .filter(
                                r ->
                                    r[1].equals(u.getModel())
                                        && r[2].equals(call)
                                        && !((Instant) r[0])
                                            .isBefore(u.getOccurredAt().minus(window)))
                            .count());
          }
          waiting.clear();
        }
      }
    }
    return max;
  }

  /**
   * The requests of each session that were followed by the same tool call, for every call made more
   * than once.
   */
  List<List<TokenUsage>> repeatedCalls() {
    List<List<TokenUsage>> out = new ArrayList<>();
    for (List<Object> session : sessions().values()) {
      Map<String, List<TokenUsage>> byCall = new java.util.LinkedHashMap<>();
      TokenUsage pending = null;
      for (Object e : session) {
        if (e instanceof TokenUsage u
            && u.getStatus() == RequestStatus.SUCCESS
            && pending == null) {
          pending = u;
        } else if (e instanceof AgentActivity a
            && a.getKind() == ActivityKind.TOOL_RESULT
            && pending != null) {
          byCall
              .computeIfAbsent(
                  a.getToolName() + "|" + a.getToolArgumentsHash(), k -> new ArrayList<>())
              .add(pending);
          pending = null;
        }
      }
      byCall.values().stream().filter(l -> l.size() > 1).forEach(out::add);
    }
    return out;
  }

  /** Result sizes of each (tool, arguments) call, per session. */
  Map<String, java.util.Set<Long>> resultSizesByCall() {
    Map<String, java.util.Set<Long>> out = new HashMap<>();
    of(AgentActivity.class).stream()
        .filter(a -> a.getKind() == ActivityKind.TOOL_RESULT)
        .forEach(
            a ->
                out.computeIfAbsent(
                        a.getSessionId() + "|" + a.getToolName() + "|" + a.getToolArgumentsHash(),
                        k -> new java.util.HashSet<>())
                    .add(a.getToolResultSizeBytes()));
    return out;
  }

  /**
   * Most user prompts with the same text (its key) and length by one engineer within the window.
   */
  int maxPromptRepeats(Duration window) {
    List<AgentActivity> prompts =
        of(AgentActivity.class).stream()
            .filter(a -> a.getKind() == ActivityKind.USER_PROMPT)
            .toList();
    int max = 0;
    for (AgentActivity p : prompts) {
      max =
          Math.max(
              max,
              (int)
                  prompts.stream()
                      .filter(
                          o ->
                              o.getUserEmail().equals(p.getUserEmail())
                                  && java.util.Objects.equals(o.getPromptHash(), p.getPromptHash())
                                  && java.util.Objects.equals(
                                      o.getPromptLength(), p.getPromptLength())
                                  && !o.getOccurredAt().isBefore(p.getOccurredAt())
                                  && o.getOccurredAt().isBefore(p.getOccurredAt().plus(window)))
                      .count());
    }
    return max;
  }

  /**
   * Most first requests of sessions with the same fingerprint by one engineer within the window.
   */
  int maxDuplicates(Duration window) {
    Map<String, TokenUsage> firsts = new HashMap<>();
    for (TokenUsage u : requests()) {
      firsts.putIfAbsent(u.getSessionId(), u);
    }
    int max = 0;
    for (TokenUsage u : firsts.values()) {
      max =
          Math.max(
              max,
              (int)
                  firsts.values().stream()
                      .filter(
                          o ->
                              o.getUserEmail().equals(u.getUserEmail())
                                  && fingerprint(o).equals(fingerprint(u))
                                  && !o.getOccurredAt().isBefore(u.getOccurredAt())
                                  && o.getOccurredAt().isBefore(u.getOccurredAt().plus(window)))
                      .count());
    }
    return max;
  }

  /** Most api errors matching {@code which} in one session within the window. */
  int maxErrors(Duration window, Predicate<TokenUsage> which) {
    List<TokenUsage> errors =
        of(TokenUsage.class).stream()
            .filter(u -> u.getStatus() == RequestStatus.ERROR && which.test(u))
            .toList();
    int max = 0;
    for (TokenUsage u : errors) {
      max =
          Math.max(
              max,
              (int)
                  errors.stream()
                      .filter(
                          o ->
                              o.getSessionId().equals(u.getSessionId())
                                  && !o.getOccurredAt().isBefore(u.getOccurredAt())
                                  && o.getOccurredAt().isBefore(u.getOccurredAt().plus(window)))
                      .count());
    }
    return max;
  }

  /** Most large cache writes after a gap longer than the TTL, in one session. */
  int maxThrashWrites(Duration ttl, long large) {
    int max = 0;
    for (List<Object> session : sessions().values()) {
      Instant previous = null;
      int writes = 0;
      for (Object e : session) {
        if (e instanceof TokenUsage u && u.getStatus() == RequestStatus.SUCCESS) {
          if (previous != null
              && Duration.between(previous, u.getOccurredAt()).compareTo(ttl) > 0
              && u.getCacheWriteTokens() >= large) {
            writes++;
          }
          previous = u.getOccurredAt();
        }
      }
      max = Math.max(max, writes);
    }
    return max;
  }

  /**
   * Longest run of consecutive requests of one session and model over the input size with output
   * under the ratio; with {@code perModel} false, of the session whatever the model.
   */
  int maxBloatRun(long input, double ratio, boolean perModel) {
    int max = 0;
    for (List<Object> session : sessions().values()) {
      Map<String, Integer> runs = new HashMap<>();
      for (Object e : session) {
        if (e instanceof TokenUsage u && u.getStatus() == RequestStatus.SUCCESS) {
          String key = perModel ? u.getModel() : "";
          int run = runs.getOrDefault(key, 0);
          boolean bloated = totalInput(u) > input && u.getOutputTokens() < ratio * totalInput(u);
          run = bloated ? run + 1 : 0;
          runs.put(key, run);
          max = Math.max(max, run);
        }
      }
    }
    return max;
  }

  /**
   * Sessions with a run of at least {@code decisions} edit decisions within {@code window}, at
   * least {@code share} of them rejected ({@link #discardedRuns}); whether a PR followed on the
   * branch is not looked at.
   */
  long discardedSessions(int decisions, double share, Duration window) {
    return discardedRuns(decisions, share, window).size();
  }

  /**
   * Each session's first run of consecutive edit decisions spanning at most {@code window} with at
   * least {@code decisions} of them, at least {@code share} rejected: the shortest from the
   * earliest decision that starts one, by session id.
   */
  Map<String, List<AgentActivity>> discardedRuns(int decisions, double share, Duration window) {
    Map<String, List<AgentActivity>> runs = new java.util.TreeMap<>();
    sessions()
        .forEach(
            (id, session) -> {
              List<AgentActivity> d =
                  session.stream()
                      .filter(AgentActivity.class::isInstance)
                      .map(AgentActivity.class::cast)
                      .filter(a -> a.getKind() == ActivityKind.TOOL_DECISION)
                      .sorted(java.util.Comparator.comparing(AgentActivity::getOccurredAt))
                      .toList();
              for (int i = 0; i < d.size() && !runs.containsKey(id); i++) {
                int rejected = 0;
                for (int j = i;
                    j < d.size()
                        && !d.get(j).getOccurredAt().isAfter(d.get(i).getOccurredAt().plus(window));
                    j++) {
                  rejected += d.get(j).getDecision() == ToolDecision.REJECT ? 1 : 0;
                  if (j - i + 1 >= decisions && rejected >= share * (j - i + 1)) {
                    runs.put(id, d.subList(i, j + 1));
                    break;
                  }
                }
              }
            });
    return runs;
  }

  boolean hasPr(String branch) {
    return of(PullRequestEvent.class).stream().anyMatch(p -> p.getBranch().equals(branch));
  }

  /** Tokens of every kind on each (repository, branch). */
  Map<String, Long> tokensByBranch() {
    return requests().stream()
        .collect(
            Collectors.groupingBy(
                u -> u.getRepository() + "@" + u.getBranch(),
                Collectors.summingLong(u -> totalInput(u) + u.getOutputTokens())));
  }

  /** Tokens attributed to PRs closed without merge. */
  long abandonedTokens() {
    Map<String, Long> byBranch = tokensByBranch();
    return of(PullRequestEvent.class).stream()
        .filter(p -> p.getAction() == PrAction.CLOSED)
        .mapToLong(p -> byBranch.getOrDefault(p.getRepository() + "@" + p.getBranch(), 0L))
        .sum();
  }

  /** Merged PRs with no approving review submitted at or before the merge. */
  List<PullRequestEvent> mergesWithoutApproval() {
    List<PullRequestReview> approvals =
        of(PullRequestReview.class).stream()
            .filter(r -> r.getState() == ReviewState.APPROVED)
            .toList();
    return of(PullRequestEvent.class).stream()
        .filter(p -> p.getAction() == PrAction.MERGED)
        .filter(
            p ->
                approvals.stream()
                    .noneMatch(
                        r ->
                            r.getRepository().equals(p.getRepository())
                                && r.getNumber() == p.getNumber()
                                && !r.getSubmittedAt().isAfter(p.getMergedAt())))
        .toList();
  }

  /** Merged PRs with an incident triggered on their service within the window after the merge. */
  List<PullRequestEvent> mergesFollowedByIncident(
      Duration window, java.util.function.Function<String, String> service) {
    List<IncidentEvent> triggered =
        of(IncidentEvent.class).stream()
            .filter(i -> i.getStatus() == IncidentStatus.TRIGGERED)
            .toList();
    return of(PullRequestEvent.class).stream()
        .filter(p -> p.getAction() == PrAction.MERGED)
        .filter(
            p ->
                triggered.stream()
                    .anyMatch(
                        i ->
                            i.getService().equals(service.apply(p.getRepository()))
                                && i.getTriggeredAt().isAfter(p.getMergedAt())
                                && i.getTriggeredAt().isBefore(p.getMergedAt().plus(window))))
        .toList();
  }

  /**
   * Tokens of requests outside the engineer's working hours with no user prompt in the session's
   * previous {@code unattended}; with {@code cacheReads} false, cache reads and writes are not
   * counted.
   */
  long unattendedOffHoursTokens(
      io.tokenlens.simulator.org.Engineer engineer, Duration unattended, boolean cacheReads) {
    long tokens = 0;
    for (List<Object> session : sessions().values()) {
      Instant lastPrompt = Instant.MIN;
      for (Object e : session) {
        if (e instanceof AgentActivity a && a.getKind() == ActivityKind.USER_PROMPT) {
          lastPrompt = a.getOccurredAt();
        } else if (e instanceof TokenUsage u
            && u.getStatus() == RequestStatus.SUCCESS
            && u.getUserEmail().equals(engineer.email())
            && !engineer.isWorking(u.getOccurredAt())
            && lastPrompt.isBefore(u.getOccurredAt().minus(unattended))) {
          tokens +=
              u.getInputTokens()
                  + u.getOutputTokens()
                  + (cacheReads ? u.getCacheReadTokens() + u.getCacheWriteTokens() : 0);
        }
      }
    }
    return tokens;
  }

  /** Events of each session, in time order. */
  Map<String, List<Object>> sessions() {
    Map<String, List<Object>> sessions = new java.util.LinkedHashMap<>();
    events.stream()
        .sorted(java.util.Comparator.comparing(GeneratedEvent::occurredAt))
        .forEach(
            e -> {
              String session =
                  e.value() instanceof TokenUsage u
                      ? u.getSessionId()
                      : e.value() instanceof AgentActivity a ? a.getSessionId() : null;
              if (session != null) {
                sessions.computeIfAbsent(session, k -> new ArrayList<>()).add(e.value());
              }
            });
    return sessions;
  }
}
