package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PrState;
import io.tokenlens.schemas.avro.PullRequestEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pure updates of a pull request's attribution: from its events, and by the requests attributed to
 * it.
 */
public final class PrAttributions {

  /** At most this many engineer ids are listed (the count is exact). */
  public static final int MAX_ENGINEER_IDS = 50;

  private PrAttributions() {}

  /** A pull request nothing is attributed to yet. */
  public static PrAttribution empty(PullRequestEvent event) {
    return PrAttribution.newBuilder()
        .setProvider(event.getProvider())
        .setRepository(event.getRepository())
        .setNumber(event.getNumber())
        .setVersion(0L)
        .setUpdatedAt(event.getOccurredAt())
        .setFinalized(false)
        .setState(event.getState())
        .setMerged(event.getMerged())
        .setBranch(event.getBranch())
        .setRequests(0L)
        .setInputTokens(0L)
        .setCacheReadTokens(0L)
        .setCacheWriteTokens(0L)
        .setOutputTokens(0L)
        .setExactMatchTokens(0L)
        .setInferredMatchTokens(0L)
        .setCostUsd(0.0)
        .setSessions(0L)
        .setEngineers(0L)
        .setEngineerIds(new ArrayList<>())
        .build();
  }

  /**
   * The attribution after a pull-request event: state, branch, author, service and the closing
   * times.
   */
  public static PrAttribution withEvent(
      PrAttribution current,
      PullRequestEvent event,
      String authorEngineerId,
      String team,
      String service,
      Instant at) {
    PrAttribution.Builder b =
        PrAttribution.newBuilder(current)
            .setVersion(current.getVersion() + 1)
            .setUpdatedAt(later(current.getUpdatedAt(), at))
            .setState(event.getState())
            .setMerged(event.getMerged())
            .setBranch(event.getBranch())
            .setFinalized(isClosed(event));
    if (authorEngineerId != null) {
      b.setAuthorEngineerId(authorEngineerId).setTeam(team);
    }
    if (service != null) {
      b.setService(service);
    }
    if (event.getMergedAt() != null) {
      b.setMergedAt(event.getMergedAt());
    } else if (event.getMerged() && current.getMergedAt() == null) {
      b.setMergedAt(event.getOccurredAt());
    }
    if (event.getClosedAt() != null) {
      b.setClosedAt(event.getClosedAt());
    } else if (isClosed(event) && current.getClosedAt() == null) {
      b.setClosedAt(event.getOccurredAt());
    } else if (!isClosed(event)) {
      b.setClosedAt(null); // reopened
    }
    return b.build();
  }

  /**
   * The attribution with the requests of {@code part} (of {@code engineerId}) added.
   *
   * @param exact matched by repository and branch (else by engineer and repository within the
   *     window)
   * @param newSession whether the part's session is new to this pull request
   * @param newEngineer whether the part's engineer is new to this pull request
   */
  static PrAttribution withUsage(
      PrAttribution current,
      UnmatchedUsage.Part part,
      String engineerId,
      boolean exact,
      boolean newSession,
      boolean newEngineer,
      Instant at) {
    long tokens = part.tokens();
    PrAttribution.Builder b =
        PrAttribution.newBuilder(current)
            .setVersion(current.getVersion() + 1)
            .setUpdatedAt(later(current.getUpdatedAt(), at))
            .setRequests(current.getRequests() + part.requests)
            .setInputTokens(current.getInputTokens() + part.inputTokens)
            .setCacheReadTokens(current.getCacheReadTokens() + part.cacheReadTokens)
            .setCacheWriteTokens(current.getCacheWriteTokens() + part.cacheWriteTokens)
            .setOutputTokens(current.getOutputTokens() + part.outputTokens)
            .setCostUsd(current.getCostUsd() + part.costUsd)
            .setFirstUsageAt(earlier(current.getFirstUsageAt(), part.first))
            .setLastUsageAt(later(current.getLastUsageAt(), part.last))
            .setSessions(current.getSessions() + (newSession ? 1 : 0))
            .setEngineers(current.getEngineers() + (newEngineer ? 1 : 0));
    if (exact) {
      b.setExactMatchTokens(current.getExactMatchTokens() + tokens);
    } else {
      b.setInferredMatchTokens(current.getInferredMatchTokens() + tokens);
    }
    if (newEngineer && current.getEngineerIds().size() < MAX_ENGINEER_IDS) {
      List<String> ids = new ArrayList<>(current.getEngineerIds());
      ids.add(engineerId);
      b.setEngineerIds(ids);
    }
    return b.build();
  }

  /**
   * Every token attributed to the pull request: uncached input, cache read, cache write and output.
   */
  public static long tokens(PrAttribution attribution) {
    return attribution.getInputTokens()
        + attribution.getCacheReadTokens()
        + attribution.getCacheWriteTokens()
        + attribution.getOutputTokens();
  }

  /**
   * The usual names of a repository's default branch, for a pull-request event that does not name
   * its base.
   */
  private static final Set<String> DEFAULT_BRANCHES = Set.of("main", "master", "trunk", "develop");

  /**
   * Whether a request on {@code branch} (none when null) may be attributed to the pull request of
   * {@code event} by its engineer and time alone: it names no branch, or the pull request's base
   * branch (a default branch name when the event names no base). A request on another feature
   * branch is that branch's work.
   */
  public static boolean inferable(String branch, PullRequestEvent event) {
    if (branch == null || branch.isBlank()) {
      return true;
    }
    return event.getBaseBranch() != null
        ? branch.equals(event.getBaseBranch())
        : DEFAULT_BRANCHES.contains(branch);
  }

  /** Whether the event leaves the pull request closed (merged or not). */
  public static boolean isClosed(PullRequestEvent event) {
    return event.getMerged()
        || event.getState() == PrState.CLOSED
        || event.getState() == PrState.MERGED;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
