package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.state.TimeLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The state of the usage ↔ pull-request join, shared by its two processors on the same repository partition:
 * open and recently changed pull requests with their attribution, the open pull request of each branch, the
 * sessions and engineers already counted per pull request, the requests of each engineer in each repository that
 * no branch matched (kept for the attribution window), and which of those were attributed already; and the final
 * attribution of each recently merged or closed pull request under its branch, with its members, so that a request
 * of its branch whose event is processed after the close is still attributed to it.
 */
public final class PrStores {

  public static final String ATTRIBUTION = "pr-attribution-store";
  public static final String BRANCHES = "pr-branch-store";
  public static final String MEMBERS = "pr-members-store";
  /**
   * Requests not matched to a pull request yet, per repository and engineer: a time log, one entry per key and
   * minute written once per commit, rather than one entry and changelog record per request.
   */
  public static final String UNMATCHED = "pr-unmatched-usage-log";
  public static final String ATTRIBUTED = "pr-attributed-usage-store";
  public static final String CLOSED = "pr-closed-store";
  public static final String CLOSED_MEMBERS = "pr-closed-members-store";
  public static final String[] ALL = {ATTRIBUTION, BRANCHES, MEMBERS, UNMATCHED, ATTRIBUTED, CLOSED, CLOSED_MEMBERS};

  private final KeyValueStore<String, PrAttribution> attributions;
  private final KeyValueStore<String, Long> branches;
  private final KeyValueStore<String, Long> members;
  private final TimeLog<TokenUsage> unmatched;
  private final WindowStore<String, String> attributed;
  private final WindowStore<String, PrAttribution> closed;
  private final WindowStore<String, Long> closedMembers;

  /** A finalised pull request's attribution, at the time it was finalised. */
  record Closed(long at, PrAttribution attribution) {}

  /** The stores of {@code context}; {@code usageSerde} reads and writes the unmatched requests. */
  PrStores(ProcessingContext context, Serde<TokenUsage> usageSerde) {
    attributions = context.getStateStore(ATTRIBUTION);
    branches = context.getStateStore(BRANCHES);
    members = context.getStateStore(MEMBERS);
    unmatched = TimeLog.of(context.getStateStore(UNMATCHED), usageSerde);
    attributed = context.getStateStore(ATTRIBUTED);
    closed = context.getStateStore(CLOSED);
    closedMembers = context.getStateStore(CLOSED_MEMBERS);
  }

  static String branchKey(String repository, String branch) {
    return repository + "|" + branch;
  }

  static String engineerKey(String repository, String engineerId) {
    return repository + "|" + engineerId;
  }

  PrAttribution attribution(String prKey) {
    return attributions.get(prKey);
  }

  void save(PrAttribution attribution) {
    attributions.put(RecordKeys.prAttribution(attribution), attribution);
  }

  /**
   * Forgets a finalised pull request (its attribution, branch and members) as an open one, and keeps its final
   * attribution and members under its branch at {@code at}, for the requests of that branch processed late.
   */
  void close(PrAttribution attribution, long at) {
    String prKey = RecordKeys.prAttribution(attribution);
    if (attribution.getBranch() != null) {
      saveClosed(attribution, at);
      try (KeyValueIterator<String, Long> it = members.prefixScan(prKey + "|", new org.apache.kafka.common
          .serialization.StringSerializer())) {
        it.forEachRemaining(kv -> closedMembers.put(kv.key, kv.value, at));
      }
    }
    forget(attribution);
  }

  /** Replaces the kept final attribution of a closed pull request (at the time it was finalised). */
  void saveClosed(PrAttribution attribution, long at) {
    closed.put(branchKey(attribution.getRepository(), attribution.getBranch()), attribution, at);
  }

  /**
   * The first pull request of {@code branch} finalised at or after {@code time}, within {@code window} after it:
   * the one a request made then worked towards.
   */
  Closed closedPullRequest(String repository, String branch, long time, long window) {
    if (branch == null) {
      return null;
    }
    try (WindowStoreIterator<PrAttribution> it = closed.fetch(branchKey(repository, branch), time, time + window)) {
      if (it.hasNext()) {
        KeyValue<Long, PrAttribution> first = it.next();
        return new Closed(first.key, first.value);
      }
    }
    return null;
  }

  /** Records a member of a closed pull request finalised at {@code at}; true when it is new. */
  boolean addClosedMember(String prKey, String kind, String value, long at) {
    if (value == null) {
      return false;
    }
    String key = prKey + "|" + kind + "|" + value;
    try (WindowStoreIterator<Long> it = closedMembers.fetch(key, at, at)) {
      if (it.hasNext()) {
        return false;
      }
    }
    closedMembers.put(key, 1L, at);
    return true;
  }

  /** Forgets a finalised pull request: its attribution, branch and members. */
  private void forget(PrAttribution attribution) {
    String prKey = RecordKeys.prAttribution(attribution);
    attributions.delete(prKey);
    if (attribution.getBranch() != null) {
      String branch = branchKey(attribution.getRepository(), attribution.getBranch());
      Long open = branches.get(branch);
      if (open != null && open == attribution.getNumber()) {
        branches.delete(branch);
      }
    }
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = members.prefixScan(prKey + "|", new org.apache.kafka.common
        .serialization.StringSerializer())) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(members::delete);
  }

  Long openPullRequest(String repository, String branch) {
    return branch == null ? null : branches.get(branchKey(repository, branch));
  }

  void openBranch(String repository, String branch, long number) {
    branches.put(branchKey(repository, branch), number);
  }

  /** Records a member (session or engineer) of a pull request; true when it is new. */
  boolean addMember(String prKey, String kind, String value) {
    if (value == null) {
      return false;
    }
    String key = prKey + "|" + kind + "|" + value;
    if (members.get(key) != null) {
      return false;
    }
    members.put(key, 1L);
    return true;
  }

  void keepUnmatched(TokenUsage usage) {
    unmatched.put(engineerKey(usage.getRepository(), usage.getEngineerId()), usage,
        usage.getOccurredAt().toEpochMilli());
  }

  /** The unmatched requests of an engineer in a repository between two instants, not attributed yet. */
  List<TokenUsage> unattributed(String repository, String engineerId, Instant from, Instant to) {
    List<TokenUsage> out = new ArrayList<>();
    try (WindowStoreIterator<TokenUsage> it = unmatched.fetch(engineerKey(repository, engineerId),
        from.toEpochMilli(), to.toEpochMilli())) {
      while (it.hasNext()) {
        KeyValue<Long, TokenUsage> usage = it.next();
        try (WindowStoreIterator<String> done = attributed.fetch(usage.value.getEventId(), usage.key, usage.key)) {
          if (!done.hasNext()) {
            out.add(usage.value);
          }
        }
      }
    }
    return out;
  }

  void markAttributed(TokenUsage usage, String prKey) {
    attributed.put(usage.getEventId(), prKey, usage.getOccurredAt().toEpochMilli());
  }
}
