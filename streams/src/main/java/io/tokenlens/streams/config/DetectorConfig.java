package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thresholds of the waste detectors ({@code streams.detect.*}), defaults as documented in
 * docs/detectors.md.
 *
 * @param grace how long after stream time out-of-order events still count in a detector's window
 * @param loopingAgent repeats of one action (a request shape, within a tolerance, and the tool call
 *     it led to) within a session, and the window they must fall in
 * @param retryStorm retried API errors within a session, and the window they must fall in
 * @param contextBloat consecutive bloated requests of a session
 * @param duplicateGeneration repeats of one prompt fingerprint by one engineer, the window they
 *     must fall in, the service accounts left out, and how long (event time) an unlogged prompt's
 *     requests may take to arrive
 * @param cacheThrash large cache writes after idle gaps longer than the cache lifetime
 * @param overnightPadding unattended spend outside working hours without pull-request activity
 * @param abandonedSpend attributed tokens of a pull request closed without merge that make a
 *     finding, and how long reported findings are remembered against redelivery
 * @param discardedOutput rejected generated edits within a session
 * @param incidentAfterAiHeavyPr incidents shortly after the merge of a pull request in the top
 *     AI-cost fraction
 * @param unapprovedAiHeavyMerge merges without an approving review of pull requests in the top
 *     AI-cost fraction of their repository
 * @param sessionActivityRetention how long the session detectors keep a session's user prompts and
 *     tool calls: how far {@code agent-activity} may run ahead of the repartitioned usage in event
 *     time (DUPLICATE_GENERATION keeps its prompt stores as long)
 */
public record DetectorConfig(
    Duration grace,
    LoopingAgent loopingAgent,
    Repeats retryStorm,
    ContextBloat contextBloat,
    DuplicateGeneration duplicateGeneration,
    CacheThrash cacheThrash,
    OvernightPadding overnightPadding,
    AbandonedSpend abandonedSpend,
    DiscardedOutput discardedOutput,
    IncidentAfterAiHeavyPr incidentAfterAiHeavyPr,
    UnapprovedAiHeavyMerge unapprovedAiHeavyMerge,
    Duration sessionActivityRetention,
    Duration sessionSettle) {

  /**
   * The longest wall-clock time a detector holds a candidate after its inputs stopped changing
   * before it decides (the settle times of OVERNIGHT_PADDING, ABANDONED_SPEND,
   * INCIDENT_AFTER_AI_HEAVY_PR, UNAPPROVED_AI_HEAVY_MERGE and the session detectors): a reader
   * waiting for the findings of a finished input waits at least this long.
   */
  public Duration longestSettle() {
    Duration longest = overnightPadding.settle();
    for (Duration d :
        List.of(
            abandonedSpend.settle(),
            incidentAfterAiHeavyPr.settle(),
            unapprovedAiHeavyMerge.settle(),
            sessionSettle)) {
      longest = d.compareTo(longest) > 0 ? d : longest;
    }
    return longest;
  }

  public static final String GRACE_MS = "streams.detect.grace.ms";
  public static final String SESSION_ACTIVITY_RETENTION_MS =
      "streams.detect.session.activity.retention.ms";

  /**
   * How long (wall clock) a session detector's decision waits after it was scheduled, even once
   * stream time has passed its grace: a task whose inputs run apart (one of them not fetched yet)
   * advances stream time on the other.
   */
  public static final String SESSION_SETTLE_MS = "streams.detect.session.settle.ms";

  public static final String LOOPING_MIN_REPEATS = "streams.detect.looping.agent.min.repeats";
  public static final String LOOPING_WINDOW_MS = "streams.detect.looping.agent.window.ms";
  public static final String LOOPING_SHAPE_TOLERANCE =
      "streams.detect.looping.agent.shape.tolerance";
  public static final String LOOPING_SHAPE_TOLERANCE_TOKENS =
      "streams.detect.looping.agent.shape.tolerance.tokens";
  public static final String RETRY_MIN_RETRIES = "streams.detect.retry.storm.min.retries";
  public static final String RETRY_WINDOW_MS = "streams.detect.retry.storm.window.ms";
  public static final String BLOAT_MIN_REQUESTS = "streams.detect.context.bloat.min.requests";
  public static final String BLOAT_MIN_INPUT_TOKENS =
      "streams.detect.context.bloat.min.input.tokens";
  public static final String BLOAT_MAX_OUTPUT_RATIO =
      "streams.detect.context.bloat.max.output.ratio";
  public static final String BLOAT_LOOKBACK_MS = "streams.detect.context.bloat.lookback.ms";
  public static final String DUPLICATE_MIN_REPEATS =
      "streams.detect.duplicate.generation.min.repeats";
  public static final String DUPLICATE_WINDOW_MS = "streams.detect.duplicate.generation.window.ms";
  public static final String DUPLICATE_EXCLUDED_ENGINEERS =
      "streams.detect.duplicate.generation.excluded.engineers";
  public static final String DUPLICATE_EXCLUDED_TEAMS =
      "streams.detect.duplicate.generation.excluded.teams";
  public static final String DUPLICATE_SHAPE_SETTLE_MS =
      "streams.detect.duplicate.generation.shape.settle.ms";
  public static final String THRASH_MIN_WRITE_TOKENS =
      "streams.detect.cache.thrash.min.write.tokens";
  public static final String THRASH_CACHE_TTL_MS = "streams.detect.cache.thrash.cache.ttl.ms";
  public static final String THRASH_MIN_REWRITES = "streams.detect.cache.thrash.min.rewrites";
  public static final String THRASH_WINDOW_MS = "streams.detect.cache.thrash.window.ms";
  public static final String OVERNIGHT_MIN_TOKENS = "streams.detect.overnight.padding.min.tokens";
  public static final String OVERNIGHT_UNATTENDED_MS =
      "streams.detect.overnight.padding.unattended.ms";
  public static final String OVERNIGHT_LOOKAHEAD_MS =
      "streams.detect.overnight.padding.lookahead.ms";
  public static final String OVERNIGHT_PUNCTUATE_MS =
      "streams.detect.overnight.padding.punctuate.ms";
  public static final String OVERNIGHT_SETTLE_MS = "streams.detect.overnight.padding.settle.ms";
  public static final String ABANDONED_MIN_TOKENS = "streams.detect.abandoned.spend.min.tokens";
  public static final String ABANDONED_REMEMBER_MS = "streams.detect.abandoned.spend.remember.ms";
  public static final String ABANDONED_SETTLE_MS = "streams.detect.abandoned.spend.settle.ms";
  public static final String DISCARDED_MIN_DECISIONS =
      "streams.detect.discarded.output.min.decisions";
  public static final String DISCARDED_MIN_REJECTED_SHARE =
      "streams.detect.discarded.output.min.rejected.share";
  public static final String DISCARDED_WINDOW_MS = "streams.detect.discarded.output.window.ms";
  public static final String DISCARDED_TOOLS = "streams.detect.discarded.output.tools";
  public static final String INCIDENT_WINDOW_MS =
      "streams.detect.incident.after.ai.heavy.pr.window.ms";
  public static final String INCIDENT_TOP_FRACTION =
      "streams.detect.incident.after.ai.heavy.pr.top.fraction";
  public static final String INCIDENT_MIN_PRS =
      "streams.detect.incident.after.ai.heavy.pr.min.pull.requests";
  public static final String INCIDENT_REMEMBER_MS =
      "streams.detect.incident.after.ai.heavy.pr.remember.ms";
  public static final String INCIDENT_SETTLE_MS =
      "streams.detect.incident.after.ai.heavy.pr.settle.ms";
  public static final String UNAPPROVED_TOP_FRACTION =
      "streams.detect.unapproved.ai.heavy.merge.top.fraction";
  public static final String UNAPPROVED_MIN_PRS =
      "streams.detect.unapproved.ai.heavy.merge.min.pull.requests";
  public static final String UNAPPROVED_REMEMBER_MS =
      "streams.detect.unapproved.ai.heavy.merge.remember.ms";
  public static final String UNAPPROVED_SETTLE_MS =
      "streams.detect.unapproved.ai.heavy.merge.settle.ms";

  /** At least {@code count} events within {@code window}. */
  public record Repeats(int count, Duration window) {}

  /**
   * At least {@code repeats.count} requests of one session and model within {@code repeats.window}
   * that led to the same tool call and whose uncached input and output tokens each differ by at
   * most {@code shapeTolerance} of the larger, or {@code shapeToleranceTokens}, whichever is more.
   */
  public record LoopingAgent(Repeats repeats, double shapeTolerance, long shapeToleranceTokens) {}

  /**
   * At least {@code repeats.count} prompts of one fingerprint by one engineer within {@code
   * repeats.window}; the engineers and teams listed (service accounts: CI jobs run the same prompt
   * by design) are never flagged. An unlogged prompt's shape is taken once the requests have
   * progressed {@code shapeSettle} past it in event time.
   */
  public record DuplicateGeneration(
      Repeats repeats,
      List<String> excludedEngineers,
      List<String> excludedTeams,
      Duration shapeSettle) {
    public DuplicateGeneration {
      excludedEngineers = List.copyOf(excludedEngineers);
      excludedTeams = List.copyOf(excludedTeams);
    }

    /** Whether prompts of {@code engineerId} in {@code team} are left out. */
    public boolean excludes(String engineerId, String team) {
      return excludedEngineers.contains(engineerId) || team != null && excludedTeams.contains(team);
    }
  }

  /**
   * At least {@code requests} consecutive requests of a session with more than {@code
   * minInputTokens} input tokens (uncached, cache read and cache write) and output below {@code
   * maxOutputRatio} of that input; {@code lookback} bounds how far apart the first and the last of
   * them may be.
   */
  public record ContextBloat(
      int requests, long minInputTokens, double maxOutputRatio, Duration lookback) {}

  /**
   * At least {@code rewrites.count} requests within {@code rewrites.window}, each writing at least
   * {@code minWriteTokens} to the cache after an idle gap longer than {@code cacheTtl}.
   */
  public record CacheThrash(long minWriteTokens, Duration cacheTtl, Repeats rewrites) {}

  /**
   * At least {@code minTokens} in one off-hours stretch from sessions without a user prompt within
   * {@code unattended}, with no pull-request activity until {@code lookahead} after the last
   * request; candidates are decided every {@code punctuateInterval} (wall clock), on stream time
   * once untouched for {@code settle}.
   */
  public record OvernightPadding(
      long minTokens,
      Duration unattended,
      Duration lookahead,
      Duration punctuateInterval,
      Duration settle) {}

  /**
   * At least {@code minTokens} attributed tokens, decided once the final attribution has not
   * changed for {@code settle} (wall clock); decided pull requests remembered for {@code remember}.
   */
  public record AbandonedSpend(long minTokens, Duration remember, Duration settle) {}

  /**
   * At least {@code decisions.count} decisions on generated edits (tool decisions on one of {@code
   * tools}) within {@code decisions.window}, at least {@code minRejectedShare} of them rejected.
   */
  public record DiscardedOutput(Repeats decisions, double minRejectedShare, List<String> tools) {
    public DiscardedOutput {
      tools = List.copyOf(tools);
    }
  }

  /**
   * An incident within {@code window} after the merge of a pull request whose AI cost is in the top
   * {@code topFraction} of merged pull requests, once at least {@code minPullRequests} were
   * counted; decided once the link and its pull request's cost have not changed for {@code settle}
   * (wall clock); reported findings remembered for {@code remember}.
   */
  public record IncidentAfterAiHeavyPr(
      Duration window,
      double topFraction,
      int minPullRequests,
      Duration remember,
      Duration settle) {}

  /**
   * A merge without an approving review of a pull request whose AI cost is in the top {@code
   * topFraction} of its repository's merged pull requests, once the repository has at least {@code
   * minPullRequests}; decided once the merge's attribution has not changed for {@code settle} (wall
   * clock); merges and their counted costs are remembered for {@code remember}.
   */
  public record UnapprovedAiHeavyMerge(
      double topFraction, int minPullRequests, Duration remember, Duration settle) {}

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(GRACE_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(SESSION_ACTIVITY_RETENTION_MS, Long.toString(Duration.ofHours(6).toMillis()));
    d.put(SESSION_SETTLE_MS, "0");
    d.put(LOOPING_MIN_REPEATS, "6");
    d.put(LOOPING_WINDOW_MS, Long.toString(Duration.ofMinutes(10).toMillis()));
    d.put(LOOPING_SHAPE_TOLERANCE, "0.1");
    d.put(LOOPING_SHAPE_TOLERANCE_TOKENS, "64");
    d.put(RETRY_MIN_RETRIES, "10");
    d.put(RETRY_WINDOW_MS, Long.toString(Duration.ofMinutes(5).toMillis()));
    d.put(BLOAT_MIN_REQUESTS, "10");
    d.put(BLOAT_MIN_INPUT_TOKENS, "150000");
    d.put(BLOAT_MAX_OUTPUT_RATIO, "0.01");
    d.put(BLOAT_LOOKBACK_MS, Long.toString(Duration.ofHours(1).toMillis()));
    d.put(DUPLICATE_MIN_REPEATS, "5");
    d.put(DUPLICATE_WINDOW_MS, Long.toString(Duration.ofHours(1).toMillis()));
    d.put(DUPLICATE_EXCLUDED_ENGINEERS, "");
    d.put(DUPLICATE_EXCLUDED_TEAMS, "");
    d.put(DUPLICATE_SHAPE_SETTLE_MS, Long.toString(Duration.ofMinutes(2).toMillis()));
    d.put(THRASH_MIN_WRITE_TOKENS, "20000");
    d.put(THRASH_CACHE_TTL_MS, Long.toString(Duration.ofMinutes(5).toMillis()));
    d.put(THRASH_MIN_REWRITES, "3");
    d.put(THRASH_WINDOW_MS, Long.toString(Duration.ofHours(1).toMillis()));
    d.put(OVERNIGHT_MIN_TOKENS, "200000");
    d.put(OVERNIGHT_UNATTENDED_MS, Long.toString(Duration.ofMinutes(30).toMillis()));
    d.put(OVERNIGHT_LOOKAHEAD_MS, Long.toString(Duration.ofHours(12).toMillis()));
    d.put(OVERNIGHT_PUNCTUATE_MS, Long.toString(Duration.ofSeconds(10).toMillis()));
    d.put(OVERNIGHT_SETTLE_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(ABANDONED_MIN_TOKENS, "1");
    d.put(ABANDONED_REMEMBER_MS, Long.toString(Duration.ofDays(7).toMillis()));
    d.put(ABANDONED_SETTLE_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(DISCARDED_MIN_DECISIONS, "5");
    d.put(DISCARDED_MIN_REJECTED_SHARE, "0.8");
    d.put(DISCARDED_WINDOW_MS, Long.toString(Duration.ofMinutes(30).toMillis()));
    d.put(DISCARDED_TOOLS, "Edit,MultiEdit,Write,NotebookEdit");
    d.put(INCIDENT_WINDOW_MS, Long.toString(Duration.ofHours(72).toMillis()));
    d.put(INCIDENT_TOP_FRACTION, "0.1");
    d.put(INCIDENT_MIN_PRS, "20");
    d.put(INCIDENT_REMEMBER_MS, Long.toString(Duration.ofDays(7).toMillis()));
    d.put(INCIDENT_SETTLE_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(UNAPPROVED_TOP_FRACTION, "0.1");
    d.put(UNAPPROVED_MIN_PRS, "20");
    d.put(UNAPPROVED_REMEMBER_MS, Long.toString(Duration.ofDays(7).toMillis()));
    d.put(UNAPPROVED_SETTLE_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    return d;
  }

  /**
   * The detectors' configuration alone: their documented defaults overlaid with the {@code
   * streams.detect.*} entries of {@code values} (other entries are ignored).
   *
   * @throws IllegalArgumentException naming every invalid entry
   */
  public static DetectorConfig fromMap(Map<String, String> values) {
    Map<String, String> merged = new LinkedHashMap<>(defaults());
    merged.putAll(values);
    ConfigReader reader = new ConfigReader(merged);
    DetectorConfig config = read(reader);
    reader.throwIfInvalid("detector");
    return config;
  }

  static DetectorConfig read(ConfigReader reader) {
    return new DetectorConfig(
        reader.millisAtLeast(GRACE_MS, 0),
        new LoopingAgent(
            new Repeats(
                reader.intAtLeast(LOOPING_MIN_REPEATS, 2),
                reader.millisAtLeast(LOOPING_WINDOW_MS, 1000)),
            reader.doubleBetween(LOOPING_SHAPE_TOLERANCE, 0, 1),
            reader.longAtLeast(LOOPING_SHAPE_TOLERANCE_TOKENS, 0)),
        new Repeats(
            reader.intAtLeast(RETRY_MIN_RETRIES, 2), reader.millisAtLeast(RETRY_WINDOW_MS, 1000)),
        new ContextBloat(
            reader.intAtLeast(BLOAT_MIN_REQUESTS, 2),
            reader.longAtLeast(BLOAT_MIN_INPUT_TOKENS, 1),
            reader.doubleBetween(BLOAT_MAX_OUTPUT_RATIO, 0, 1),
            reader.millisAtLeast(BLOAT_LOOKBACK_MS, 1000)),
        new DuplicateGeneration(
            new Repeats(
                reader.intAtLeast(DUPLICATE_MIN_REPEATS, 2),
                reader.millisAtLeast(DUPLICATE_WINDOW_MS, 1000)),
            list(reader, DUPLICATE_EXCLUDED_ENGINEERS),
            list(reader, DUPLICATE_EXCLUDED_TEAMS),
            reader.millisAtLeast(DUPLICATE_SHAPE_SETTLE_MS, 0)),
        new CacheThrash(
            reader.longAtLeast(THRASH_MIN_WRITE_TOKENS, 1),
            reader.millisAtLeast(THRASH_CACHE_TTL_MS, 1000),
            new Repeats(
                reader.intAtLeast(THRASH_MIN_REWRITES, 2),
                reader.millisAtLeast(THRASH_WINDOW_MS, 1000))),
        new OvernightPadding(
            reader.longAtLeast(OVERNIGHT_MIN_TOKENS, 1),
            reader.millisAtLeast(OVERNIGHT_UNATTENDED_MS, 0),
            reader.millisAtLeast(OVERNIGHT_LOOKAHEAD_MS, 0),
            reader.millisAtLeast(OVERNIGHT_PUNCTUATE_MS, 1000),
            reader.millisAtLeast(OVERNIGHT_SETTLE_MS, 0)),
        new AbandonedSpend(
            reader.longAtLeast(ABANDONED_MIN_TOKENS, 1),
            reader.millisAtLeast(ABANDONED_REMEMBER_MS, 1000),
            reader.millisAtLeast(ABANDONED_SETTLE_MS, 1000)),
        new DiscardedOutput(
            new Repeats(
                reader.intAtLeast(DISCARDED_MIN_DECISIONS, 1),
                reader.millisAtLeast(DISCARDED_WINDOW_MS, 1000)),
            reader.doubleBetween(DISCARDED_MIN_REJECTED_SHARE, 0, 1),
            tools(reader, DISCARDED_TOOLS)),
        new IncidentAfterAiHeavyPr(
            reader.millisAtLeast(INCIDENT_WINDOW_MS, 1000),
            reader.doubleBetween(INCIDENT_TOP_FRACTION, 0.001, 1),
            reader.intAtLeast(INCIDENT_MIN_PRS, 1),
            reader.millisAtLeast(INCIDENT_REMEMBER_MS, 1000),
            reader.millisAtLeast(INCIDENT_SETTLE_MS, 1000)),
        new UnapprovedAiHeavyMerge(
            reader.doubleBetween(UNAPPROVED_TOP_FRACTION, 0.001, 1),
            reader.intAtLeast(UNAPPROVED_MIN_PRS, 1),
            reader.millisAtLeast(UNAPPROVED_REMEMBER_MS, 1000),
            reader.millisAtLeast(UNAPPROVED_SETTLE_MS, 1000)),
        reader.millisAtLeast(SESSION_ACTIVITY_RETENTION_MS, 1000),
        reader.millisAtLeast(SESSION_SETTLE_MS, 0));
  }

  /** A comma-separated list, possibly empty. */
  private static List<String> list(ConfigReader reader, String key) {
    String value = reader.string(key);
    return value == null
        ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  private static List<String> tools(ConfigReader reader, String key) {
    List<String> tools =
        Arrays.stream(reader.string(key).split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .toList();
    if (tools.isEmpty()) {
      reader.error(key + " must name at least one tool");
    }
    return tools;
  }
}
