package io.tokenlens.simulator.model;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.org.Usage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The repositories that take the AI-heavy merges of the quality-gate scenarios: a team repository
 * ({@code acme/repo-NN}) with a history of merged pull requests, in which AI-heavy merges stay
 * rare, at most one for every {@link #MERGES_PER_HEAVY_MERGE} merges before it. A repository of a
 * heavy user with low output ({@link Usage#HEAVY_LOW_OUTPUT}) counts that user's week-long branch
 * as one AI-heavy merge from the start.
 */
public final class GateRepositories {
  /** Merged pull requests a repository needs before each of its AI-heavy merges. */
  public static final int MERGES_PER_HEAVY_MERGE = 15;

  private final List<String> repositories;
  private final Map<String, Integer> heavyMerges = new HashMap<>();

  public GateRepositories(Organisation organisation) {
    repositories =
        organisation.repositories().stream()
            .filter(r -> !Organisation.EDGE_REPOSITORIES.contains(r))
            .filter(r -> !r.equals(Organisation.INFRA))
            .toList();
    organisation.engineers().stream()
        .filter(e -> e.usage() == Usage.HEAVY_LOW_OUTPUT)
        .forEach(e -> heavyMerges.merge(e.repository(), 1, Integer::sum));
  }

  /**
   * The engineer's repository if it has room for one more AI-heavy merge at {@code at}, else the
   * first team repository that has; empty when none has.
   */
  public Optional<String> withRoom(Timeline timeline, Engineer engineer, Instant at) {
    Map<String, Long> merged = mergedBefore(timeline, at);
    return Stream.concat(Stream.of(engineer.repository()), repositories.stream())
        .filter(r -> hasRoom(merged, r))
        .findFirst();
  }

  private boolean hasRoom(Map<String, Long> merged, String repository) {
    return merged.getOrDefault(repository, 0L)
        >= (long) MERGES_PER_HEAVY_MERGE * (heavyMerges.getOrDefault(repository, 0) + 1);
  }

  /** Whether any team repository has room for one more AI-heavy merge at {@code at}. */
  public boolean anyRoom(Timeline timeline, Instant at) {
    Map<String, Long> merged = mergedBefore(timeline, at);
    return repositories.stream().anyMatch(r -> hasRoom(merged, r));
  }

  /** Records an AI-heavy merge into {@code repository}. */
  public void take(String repository) {
    heavyMerges.merge(repository, 1, Integer::sum);
  }

  /** Merged pull requests per repository among the events generated so far, merged before at. */
  private static Map<String, Long> mergedBefore(Timeline timeline, Instant at) {
    Map<String, Long> merged = new HashMap<>();
    for (GeneratedEvent e : timeline.eventsSince(0)) {
      if (e.value() instanceof PullRequestEvent pr
          && PullRequestFlow.isMerge(pr)
          && e.occurredAt().isBefore(at)) {
        merged.merge(pr.getRepository(), 1L, Long::sum);
      }
    }
    return merged;
  }
}
