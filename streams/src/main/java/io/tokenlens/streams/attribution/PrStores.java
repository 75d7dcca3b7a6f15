package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.state.BufferedWindowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The state of the usage ↔ pull-request join, shared by its two processors on the same repository
 * partition: open and recently changed pull requests with their attribution, the open pull request
 * of each branch, the sessions and engineers already counted per pull request, the requests of each
 * engineer in each repository that no branch matched and no pull request took yet (kept for the
 * attribution window, summed per minute, branch and session); and the final attribution of each
 * recently merged or closed pull request under its branch, with its members, so that a request of
 * its branch whose event is processed after the close is still attributed to it.
 */
public final class PrStores {

  public static final String ATTRIBUTION = "pr-attribution-store";
  public static final String BRANCHES = "pr-branch-store";
  public static final String MEMBERS = "pr-members-store";

  /**
   * Requests not matched to a pull request yet, per repository and engineer: sums per minute of
   * event time, branch and session ({@link UnmatchedUsage}), written once per key and minute each
   * commit; a part a pull request takes is removed. Its size follows engineers, sessions and
   * minutes, not requests.
   */
  public static final String UNMATCHED = "pr-unmatched-usage-sums";

  public static final String CLOSED = "pr-closed-store";
  public static final String CLOSED_MEMBERS = "pr-closed-members-store";

  /** The attributions updated and not emitted yet ({@link PendingAttributions}). */
  public static final String PENDING = PendingAttributions.STORE;

  public static final String[] ALL = {
    ATTRIBUTION, BRANCHES, MEMBERS, UNMATCHED, CLOSED, CLOSED_MEMBERS, PENDING
  };
  private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

  private final KeyValueStore<String, PrAttribution> attributions;
  private final KeyValueStore<String, Long> branches;
  private final KeyValueStore<String, Long> members;
  private final BufferedWindowStore<UnmatchedUsage> unmatched;
  private final WindowStore<String, PrAttribution> closed;
  private final WindowStore<String, Long> closedMembers;

  /** A finalised pull request's attribution, at the time it was finalised. */
  record Closed(long at, PrAttribution attribution) {}

  /** A part of the unmatched requests, in the minute it was kept under. */
  record Unmatched(long minute, UnmatchedUsage entry, UnmatchedUsage.Part part) {}

  /** The store of the attributions updated and not emitted yet. */
  public static StoreBuilder<KeyValueStore<String, PrAttribution>> pendingStore(
      Serde<PrAttribution> serde) {
    return PendingAttributions.storeBuilder(serde);
  }

  /** The stores of {@code context}. */
  PrStores(ProcessingContext context) {
    attributions = context.getStateStore(ATTRIBUTION);
    branches = context.getStateStore(BRANCHES);
    members = context.getStateStore(MEMBERS);
    unmatched = context.getStateStore(UNMATCHED);
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
   * Forgets a finalised pull request (its attribution, branch and members) as an open one, and
   * keeps its final attribution and members under its branch at {@code at}, for the requests of
   * that branch processed late.
   */
  void close(PrAttribution attribution, long at) {
    String prKey = RecordKeys.prAttribution(attribution);
    if (attribution.getBranch() != null) {
      saveClosed(attribution, at);
      try (KeyValueIterator<String, Long> it =
          members.prefixScan(
              prKey + "|", new org.apache.kafka.common.serialization.StringSerializer())) {
        it.forEachRemaining(kv -> closedMembers.put(kv.key, kv.value, at));
      }
    }
    forget(attribution);
  }

  /**
   * Replaces the kept final attribution of a closed pull request (at the time it was finalised).
   */
  void saveClosed(PrAttribution attribution, long at) {
    closed.put(branchKey(attribution.getRepository(), attribution.getBranch()), attribution, at);
  }

  /**
   * The first pull request of {@code branch} finalised at or after {@code time}, within {@code
   * window} after it: the one a request made then worked towards.
   */
  Closed closedPullRequest(String repository, String branch, long time, long window) {
    if (branch == null) {
      return null;
    }
    try (WindowStoreIterator<PrAttribution> it =
        closed.fetch(branchKey(repository, branch), time, time + window)) {
      if (it.hasNext()) {
        KeyValue<Long, PrAttribution> first = it.next();
        return new Closed(first.key, first.value);
      }
    }
    return null;
  }

  /**
   * The latest final attribution kept for pull request {@code number} of {@code branch}, finalised
   * at or before {@code time}, or null: an event of a pull request that is not open (reopened, or
   * edited after its merge) continues it rather than starting again at version 1, whose lower
   * version the consumers would discard.
   */
  Closed lastClosed(String repository, String branch, long number, long time) {
    if (branch == null) {
      return null;
    }
    Closed last = null;
    try (WindowStoreIterator<PrAttribution> it =
        closed.fetch(branchKey(repository, branch), 0L, time)) {
      while (it.hasNext()) {
        KeyValue<Long, PrAttribution> next = it.next();
        if (next.value.getNumber() == number) {
          last = new Closed(next.key, next.value);
        }
      }
    }
    return last;
  }

  /**
   * Counts the members of a pull request finalised at {@code at} as its members again: it was
   * reopened.
   */
  void restoreMembers(String prKey, long at) {
    try (KeyValueIterator<Windowed<String>, Long> it =
        closedMembers.fetch(prKey + "|", prKey + "|\uffff", at, at)) {
      it.forEachRemaining(kv -> members.put(kv.key.key(), 1L));
    }
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
    try (KeyValueIterator<String, Long> it =
        members.prefixScan(
            prKey + "|", new org.apache.kafka.common.serialization.StringSerializer())) {
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

  /** The store of the unmatched requests, kept for {@code window} of event time. */
  public static StoreBuilder<?> unmatchedStore(Duration window) {
    return BufferedWindowStore.storeBuilder(
        UNMATCHED,
        window.plusMillis(MINUTE_MS),
        Duration.ofMillis(MINUTE_MS),
        UnmatchedUsage.serde());
  }

  /**
   * Keeps the requests of {@code usage}, which names an engineer, with the engineer's unmatched
   * ones.
   */
  void keepUnmatched(PrUsagePart usage) {
    String key = engineerKey(usage.repository(), usage.engineerId());
    long minute = Math.floorDiv(usage.sums().first.toEpochMilli(), MINUTE_MS) * MINUTE_MS;
    UnmatchedUsage entry = unmatched.fetch(key, minute);
    if (entry == null) {
      entry = new UnmatchedUsage();
    }
    entry.add(usage.sums());
    unmatched.put(key, entry, minute);
  }

  /**
   * The unmatched requests of an engineer in a repository, as parts whose first request is between
   * two instants: a part (the requests of one branch and session in a minute) is taken whole or not
   * at all, so at the two ends of the window a minute's requests count on the side of its first
   * one.
   */
  List<Unmatched> unattributed(String repository, String engineerId, Instant from, Instant to) {
    List<Unmatched> out = new ArrayList<>();
    long fromMinute = Math.floorDiv(from.toEpochMilli(), MINUTE_MS) * MINUTE_MS;
    try (WindowStoreIterator<UnmatchedUsage> it =
        unmatched.fetch(engineerKey(repository, engineerId), fromMinute, to.toEpochMilli())) {
      while (it.hasNext()) {
        KeyValue<Long, UnmatchedUsage> entry = it.next();
        for (UnmatchedUsage.Part part : entry.value.parts()) {
          if (!part.first.isBefore(from) && !part.first.isAfter(to)) {
            out.add(new Unmatched(entry.key, entry.value, part));
          }
        }
      }
    }
    return out;
  }

  /** Removes a part a pull request took; the others of its minute stay. */
  void markAttributed(String repository, String engineerId, Unmatched taken) {
    taken.entry().remove(taken.part());
    unmatched.put(
        engineerKey(repository, engineerId),
        taken.entry().isEmpty() ? null : taken.entry(),
        taken.minute());
  }
}
