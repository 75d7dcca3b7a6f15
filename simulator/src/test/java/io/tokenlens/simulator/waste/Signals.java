package io.tokenlens.simulator.waste;

import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentStatus;
import io.tokenlens.schemas.avro.PrAction;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.ToolDecision;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.testkit.fixtures.GeneratedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Each pattern's signal computed straight from its definition over generated events, independently of the planters:
 * the tests check that planted occurrences reach the thresholds and near-misses stay below them.
 */
final class Signals {
  private final List<GeneratedEvent> events;

  Signals(List<GeneratedEvent> events) {
    this.events = events;
  }

  List<TokenUsage> requests() {
    return of(TokenUsage.class).stream().filter(u -> u.getStatus() == RequestStatus.SUCCESS).toList();
  }

  <T> List<T> of(Class<T> type) {
    return events.stream().map(GeneratedEvent::value).filter(type::isInstance).map(type::cast).toList();
  }

  static String fingerprint(TokenUsage u) {
    return u.getModel() + "|" + u.getInputTokens() + "|" + u.getOutputTokens();
  }

  static long totalInput(TokenUsage u) {
    return u.getInputTokens() + u.getCacheReadTokens() + u.getCacheWriteTokens();
  }

  /** Most repeats of one request fingerprint in one session within the window, with no user prompt in between. */
  int maxLoopRepeats(Duration window) {
    int max = 0;
    for (List<Object> session : sessions().values()) {
      List<TokenUsage> run = new ArrayList<>();
      for (Object e : session) {
        if (e instanceof AgentActivity a && a.getKind() == ActivityKind.USER_PROMPT) {
          run.clear();
        } else if (e instanceof TokenUsage u && u.getStatus() == RequestStatus.SUCCESS) {
          run.add(u);
          max = Math.max(max, (int) run.stream().filter(r -> fingerprint(r).equals(fingerprint(u))
              && !r.getOccurredAt().isBefore(u.getOccurredAt().minus(window))).count());
        }
      }
    }
    return max;
  }

  /** Most first requests of sessions with the same fingerprint by one engineer within the window. */
  int maxDuplicates(Duration window) {
    Map<String, TokenUsage> firsts = new HashMap<>();
    for (TokenUsage u : requests()) {
      firsts.putIfAbsent(u.getSessionId(), u);
    }
    int max = 0;
    for (TokenUsage u : firsts.values()) {
      max = Math.max(max, (int) firsts.values().stream().filter(o -> o.getUserEmail().equals(u.getUserEmail())
          && fingerprint(o).equals(fingerprint(u)) && !o.getOccurredAt().isBefore(u.getOccurredAt())
          && o.getOccurredAt().isBefore(u.getOccurredAt().plus(window))).count());
    }
    return max;
  }

  /** Most api errors matching {@code which} in one session within the window. */
  int maxErrors(Duration window, Predicate<TokenUsage> which) {
    List<TokenUsage> errors = of(TokenUsage.class).stream()
        .filter(u -> u.getStatus() == RequestStatus.ERROR && which.test(u)).toList();
    int max = 0;
    for (TokenUsage u : errors) {
      max = Math.max(max, (int) errors.stream().filter(o -> o.getSessionId().equals(u.getSessionId())
          && !o.getOccurredAt().isBefore(u.getOccurredAt())
          && o.getOccurredAt().isBefore(u.getOccurredAt().plus(window))).count());
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
          if (previous != null && Duration.between(previous, u.getOccurredAt()).compareTo(ttl) > 0
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

  /** Longest run of consecutive requests of a session over the input size with output under the ratio. */
  int maxBloatRun(long input, double ratio) {
    int max = 0;
    for (List<Object> session : sessions().values()) {
      int run = 0;
      for (Object e : session) {
        if (e instanceof TokenUsage u && u.getStatus() == RequestStatus.SUCCESS) {
          boolean bloated = totalInput(u) > input && u.getOutputTokens() < ratio * totalInput(u);
          run = bloated ? run + 1 : 0;
          max = Math.max(max, run);
        }
      }
    }
    return max;
  }

  /** Sessions with at least {@code decisions} edit decisions, at least {@code share} rejected, and no PR on the branch. */
  long discardedSessions(int decisions, double share, Duration window) {
    return sessions().values().stream().filter(session -> {
      List<AgentActivity> d = session.stream().filter(AgentActivity.class::isInstance).map(AgentActivity.class::cast)
          .filter(a -> a.getKind() == ActivityKind.TOOL_DECISION)
          .sorted(java.util.Comparator.comparing(AgentActivity::getOccurredAt)).toList();
      for (int i = 0; i < d.size(); i++) {
        int rejected = 0;
        for (int j = i; j < d.size()
            && !d.get(j).getOccurredAt().isAfter(d.get(i).getOccurredAt().plus(window)); j++) {
          rejected += d.get(j).getDecision() == ToolDecision.REJECT ? 1 : 0;
          if (j - i + 1 >= decisions && rejected >= share * (j - i + 1)) {
            return true;
          }
        }
      }
      return false;
    }).count();
  }

  boolean hasPr(String branch) {
    return of(PullRequestEvent.class).stream().anyMatch(p -> p.getBranch().equals(branch));
  }

  /** Tokens of every kind on each (repository, branch). */
  Map<String, Long> tokensByBranch() {
    return requests().stream().collect(Collectors.groupingBy(u -> u.getRepository() + "@" + u.getBranch(),
        Collectors.summingLong(u -> totalInput(u) + u.getOutputTokens())));
  }

  /** Tokens attributed to PRs closed without merge. */
  long abandonedTokens() {
    Map<String, Long> byBranch = tokensByBranch();
    return of(PullRequestEvent.class).stream().filter(p -> p.getAction() == PrAction.CLOSED)
        .mapToLong(p -> byBranch.getOrDefault(p.getRepository() + "@" + p.getBranch(), 0L)).sum();
  }

  /** Merged PRs with an incident triggered on their service within the window after the merge. */
  List<PullRequestEvent> mergesFollowedByIncident(Duration window, java.util.function.Function<String, String> service) {
    List<IncidentEvent> triggered = of(IncidentEvent.class).stream()
        .filter(i -> i.getStatus() == IncidentStatus.TRIGGERED).toList();
    return of(PullRequestEvent.class).stream().filter(p -> p.getAction() == PrAction.MERGED)
        .filter(p -> triggered.stream().anyMatch(i -> i.getService().equals(service.apply(p.getRepository()))
            && i.getTriggeredAt().isAfter(p.getMergedAt())
            && i.getTriggeredAt().isBefore(p.getMergedAt().plus(window)))).toList();
  }

  /**
   * Tokens of requests outside the engineer's working hours with no user prompt in the session's previous
   * {@code unattended}; with {@code cacheReads} false, cache reads and writes are not counted.
   */
  long unattendedOffHoursTokens(io.tokenlens.simulator.org.Engineer engineer, Duration unattended,
      boolean cacheReads) {
    long tokens = 0;
    for (List<Object> session : sessions().values()) {
      Instant lastPrompt = Instant.MIN;
      for (Object e : session) {
        if (e instanceof AgentActivity a && a.getKind() == ActivityKind.USER_PROMPT) {
          lastPrompt = a.getOccurredAt();
        } else if (e instanceof TokenUsage u && u.getStatus() == RequestStatus.SUCCESS
            && u.getUserEmail().equals(engineer.email()) && !engineer.isWorking(u.getOccurredAt())
            && lastPrompt.isBefore(u.getOccurredAt().minus(unattended))) {
          tokens += u.getInputTokens() + u.getOutputTokens()
              + (cacheReads ? u.getCacheReadTokens() + u.getCacheWriteTokens() : 0);
        }
      }
    }
    return tokens;
  }

  /** Events of each session, in time order. */
  Map<String, List<Object>> sessions() {
    Map<String, List<Object>> sessions = new java.util.LinkedHashMap<>();
    events.stream().sorted(java.util.Comparator.comparing(GeneratedEvent::occurredAt)).forEach(e -> {
      String session = e.value() instanceof TokenUsage u ? u.getSessionId()
          : e.value() instanceof AgentActivity a ? a.getSessionId() : null;
      if (session != null) {
        sessions.computeIfAbsent(session, k -> new ArrayList<>()).add(e.value());
      }
    });
    return sessions;
  }
}
