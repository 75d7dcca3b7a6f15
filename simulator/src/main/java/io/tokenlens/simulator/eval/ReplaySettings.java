package io.tokenlens.simulator.eval;

import io.tokenlens.streams.config.AlertSettings;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the evaluation changes in the streams job because it replays days in minutes. Simulated time
 * runs about a thousand times faster than the wall clock, so a second of processing skew between
 * the job's inputs (user prompts straight from {@code agent-activity}; requests through enrichment,
 * a repartition and two exactly-once commits) is tens of minutes of event time: far beyond the live
 * default grace of one minute, with records dropped as too late and prompts processed after the
 * requests they separate. The evaluation therefore gives the detectors a grace sized for the
 * replay, and lets a task with several inputs wait longer for the input that is behind.
 *
 * @param detectGrace the detectors' grace ({@code streams.detect.grace.ms})
 * @param taskIdle how long a task waits for an input without buffered records ({@value
 *     StreamsAppConfig#MAX_TASK_IDLE_MS})
 */
public record ReplaySettings(Duration detectGrace, Duration taskIdle) {

  /**
   * One hour of event time (at the evaluation's default rate of {@value EvaluateMain#DEFAULT_RATE}
   * events/s, a simulated hour of 60 engineers' traffic takes about two seconds), 10 s of idling.
   */
  public static final ReplaySettings DEFAULT =
      new ReplaySettings(Duration.ofHours(1), Duration.ofSeconds(10));

  /**
   * How long the session detectors keep prompts and tool calls during a replay: on a starved
   * machine the job's {@code agent-activity} input ran hours of event time ahead of the usage
   * input, and prompts and tool calls expired before the requests they belong to were processed.
   */
  static final Duration ACTIVITY_RETENTION = Duration.ofDays(8);

  /**
   * How long after a window's end the rollups still add what a task counted in it: each task of the
   * session-keyed stream forwards what it counted at every commit, and during a replay one
   * partition's requests can run a simulated day ahead of another's (seconds of wall-clock time): a
   * week covers the evaluation's and the demo's whole simulated period.
   */
  static final Duration ROLLUP_MERGE_GRACE = Duration.ofDays(7);

  /**
   * How often the job commits during a replay: a second instead of the live 100 ms. Every commit is
   * a transaction with a marker on every partition written and a flush of the buffered stores
   * (rollup partial sums, time logs); a tenth of them is less work for the same records (in the
   * default demo the job caught up 24 s sooner, its transaction log a third as long). A second more
   * before an output is readable is nothing next to the replay's grace and settle times.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  /**
   * The merged pull requests a repository needs before UNAPPROVED_AI_HEAVY_MERGE ranks its merges:
   * ten instead of the live twenty, since a replay has days of a repository's history, not weeks
   * (an organisation of 20 engineers merges about four pull requests a day into each team
   * repository). Ten is the fewest at which a single most expensive merge is in the top decile.
   */
  static final int GATE_MIN_PULL_REQUESTS = 10;

  /**
   * How long (wall clock) UNAPPROVED_AI_HEAVY_MERGE waits for a merge's attribution to stop
   * changing during a replay: three minutes instead of the live one. A merge's final attribution is
   * emitted as soon as {@code pr-events} brings the merge and grows as the requests of its branch
   * come through the usage path, which has more hops; on a loaded machine that path ran minutes of
   * wall clock behind, and merges were decided on the few requests attributed so far.
   */
  static final Duration GATE_SETTLE = Duration.ofMinutes(3);

  /**
   * The streams job's keys these settings override; also a transaction timeout of a minute instead
   * of Kafka Streams' 10 s, as on the shared build machine a starved stream thread otherwise has
   * its transaction aborted and is fenced (every rebalance replays minutes of simulated traffic);
   * the session activity retention above; and the detectors' grace for the rollup windows too, with
   * the rollup merge grace above; and the session detectors' settle time ({@link
   * #sessionSettle()}); and the commit interval above; and the quality gate's minimum history
   * above; and the burn settings ({@link #BURN}).
   */
  /**
   * How long a session detector's decision waits on the wall clock after it was scheduled: longer
   * than a task idles for an input with nothing fetched, after which it processes the other input
   * alone and stream time runs on (on a loaded machine, tool results read seconds after the
   * requests they follow were decided as "no tool call").
   */
  public Duration sessionSettle() {
    return taskIdle.plusSeconds(5);
  }

  /**
   * The burn alerts of a replay: hours closed by the watermarks of the tasks that sum the spend,
   * once every one has passed their end plus a grace of two hours of event time (a partition never
   * heard from holds them back for 30 s of wall-clock time), evaluated every second; one baseline
   * per subject and hour of the day (a replay has days, not weeks), alerting from one earlier day
   * at 100 deviations, which with a single observation (a deviation of 10 % of the mean) is eleven
   * times the same hour the day before. A baseline of one day has seen none of the planted waste
   * that lands in a single engineer's hours: an AI-heavy pull request (three long agentic Opus
   * sessions, about $37 each) puts up to $120 into one hour of a team that spent $15 in it the day
   * before. At three times the day before (z = 20) the default demo raised such team hours as
   * anomalous besides the planted burst; at eleven times a team alerts only when many of its
   * engineers burst together, and one engineer's heavy work alerts on that engineer (whose usual
   * hour is under a dollar, so the $5 floor is the threshold).
   */
  static final Map<String, String> BURN =
      Map.of(
          AlertSettings.BURN_CLOCK, "event",
          AlertSettings.BURN_SLOTS, "24",
          AlertSettings.BURN_MIN_WEEKS, "1",
          AlertSettings.BURN_Z_THRESHOLD, "100",
          AlertSettings.BURN_HALF_LIFE_WEEKS, "12",
          AlertSettings.BURN_GRACE_MS, Long.toString(Duration.ofHours(2).toMillis()),
          AlertSettings.EVALUATE_INTERVAL_MS, "1000",
          AlertSettings.BURN_SETTLE_MS, Long.toString(Duration.ofSeconds(30).toMillis()));

  /** The alert settings of a replay: the defaults with {@link #BURN}. */
  public AlertSettings alertSettings() {
    return AlertSettings.fromMap(streamsValues());
  }

  public Map<String, String> streamsValues() {
    Map<String, String> values = new HashMap<>(BURN);
    values.putAll(replayValues());
    return Map.copyOf(values);
  }

  private Map<String, String> replayValues() {
    return Map.of(
        DetectorConfig.GRACE_MS,
        Long.toString(detectGrace.toMillis()),
        StreamsAppConfig.ROLLUP_GRACE_MS,
        Long.toString(detectGrace.toMillis()),
        StreamsAppConfig.ROLLUP_MERGE_GRACE_MS,
        Long.toString(ROLLUP_MERGE_GRACE.toMillis()),
        DetectorConfig.SESSION_ACTIVITY_RETENTION_MS,
        Long.toString(ACTIVITY_RETENTION.toMillis()),
        StreamsAppConfig.MAX_TASK_IDLE_MS,
        Long.toString(taskIdle.toMillis()),
        DetectorConfig.SESSION_SETTLE_MS,
        Long.toString(sessionSettle().toMillis()),
        StreamsAppConfig.COMMIT_INTERVAL_MS,
        Long.toString(COMMIT_INTERVAL.toMillis()),
        DetectorConfig.UNAPPROVED_MIN_PRS,
        Integer.toString(GATE_MIN_PULL_REQUESTS),
        DetectorConfig.UNAPPROVED_SETTLE_MS,
        Long.toString(GATE_SETTLE.toMillis()),
        "kafka.producer.transaction.timeout.ms",
        "60000");
  }
}
