package io.tokenlens.simulator.model;

import io.tokenlens.simulator.org.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The repositories only the planted AI-heavy-PR incidents use ({@link
 * Organisation#EDGE_REPOSITORIES}), each used at most once per {@link #SPACING}, so that each
 * planted incident links to its own pull request alone.
 */
public final class EdgeRepositories {
  /** Longer than the incident window after a merge, so no incident links to two planted merges. */
  public static final Duration SPACING = Duration.ofHours(96);

  private final Map<String, Instant> lastUsed = new HashMap<>();

  /** Whether a repository is free at {@code at}. */
  public boolean available(Instant at) {
    return Organisation.EDGE_REPOSITORIES.stream().anyMatch(r -> free(r, at));
  }

  /** The first free repository at {@code at} (else the least recently used), now taken. */
  public String take(Instant at) {
    String chosen =
        Organisation.EDGE_REPOSITORIES.stream()
            .filter(r -> free(r, at))
            .findFirst()
            .orElseGet(
                () ->
                    Organisation.EDGE_REPOSITORIES.stream()
                        .min(
                            java.util.Comparator.comparing(
                                r -> lastUsed.getOrDefault(r, Instant.MIN)))
                        .orElseThrow());
    lastUsed.put(chosen, at);
    return chosen;
  }

  private boolean free(String repository, Instant at) {
    Instant last = lastUsed.get(repository);
    return last == null || Duration.between(last, at).compareTo(SPACING) >= 0;
  }
}
