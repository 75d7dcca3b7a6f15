package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.OvernightPadding;
import io.tokenlens.streams.enrichment.DirectoryCache;
import io.tokenlens.streams.state.BufferedKeyValueStore;
import io.tokenlens.streams.state.TimeLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * OVERNIGHT_PADDING: at least {@code minTokens} tokens an engineer's unattended sessions (no user
 * prompt in the session within {@code unattended} before the request) burned in one off-hours
 * stretch (outside the working hours of the engineer's directory entry), with no pull-request
 * activity attributable to that work from the first of those requests until {@code lookahead} after
 * the last: activity of a pull request on the branch the requests were on (any pull-request
 * activity naming the engineer when a request names no branch). Reads usage keyed by engineer.
 *
 * <p>Each stretch is a candidate in {@link #NIGHTS_STORE} (a pending {@link WasteFinding}, keyed
 * {@code <engineer>\n<stretch start>}) and its off-hours requests are kept in {@link
 * #REQUESTS_STORE}, until its look-ahead is over; then it is reported or dropped, and deleted.
 * Nothing is decided on arrival: whether a request was attended, and whether pull-request activity
 * followed, are judged at the decision, from the prompts and the activity read by then (they come
 * through other repartitions than the usage, so they may be processed later). A wall-clock
 * punctuation decides a candidate when either clock has passed its last request plus look-ahead
 * plus grace: stream time once the candidate has also been untouched for {@code settle} of
 * wall-clock time (so inputs on slower paths have caught up), the wall clock once it has been
 * untouched for the look-ahead (a quiet night with stream time stalled; a replay of old events is
 * not decided before their pull-request activity was read). The punctuation finds those candidates
 * through a {@link DueIndex} of when each is over, kept in memory, rather than by reading every
 * candidate of the store (one per engineer with off-hours work).
 */
public final class OvernightPaddingDetector
    implements Processor<String, TokenUsage, String, WasteFinding> {

  public static final String NAME = "detect-overnight-padding";
  public static final String NIGHTS_STORE = "detect-overnight-padding-nights-store";
  public static final String PROMPTS_STORE = "detect-overnight-padding-prompts-log";
  public static final String REQUESTS_STORE = "detect-overnight-padding-requests-log";

  private final OvernightPadding settings;
  private final long grace;
  private final String directoryStore;
  private ProcessorContext<String, WasteFinding> context;
  private BufferedKeyValueStore<WasteFinding> nights;

  /**
   * The candidates by the time they are over (due on stream time); rebuilt from the store on first
   * use.
   */
  private DueIndex byOver;

  private TimeLog<String> requests;
  private SessionPrompts prompts;
  private TimeLog<String> prActivity;
  private DirectoryCache directory;

  public OvernightPaddingDetector(
      OvernightPadding settings, Duration grace, String directoryStore) {
    this.settings = settings;
    this.grace = grace.toMillis();
    this.directoryStore = directoryStore;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    nights = context.getStateStore(NIGHTS_STORE);
    byOver = null;
    requests = TimeLog.of(context.getStateStore(REQUESTS_STORE), Serdes.String());
    prompts = new SessionPrompts(TimeLog.of(context.getStateStore(PROMPTS_STORE), Serdes.String()));
    prActivity = TimeLog.of(context.getStateStore(PrActivityRecorder.STORE), Serdes.String());
    directory = new DirectoryCache(context.getStateStore(directoryStore));
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::decide);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    Instant at = usage.getOccurredAt();
    Optional<WorkingHours> hours = workingHours(usage.getEngineerId());
    if (hours.isEmpty() || hours.get().isWorking(at)) {
      return;
    }
    long time = at.toEpochMilli();
    long stretch = hours.get().offHoursStart(at).toEpochMilli();
    String key = usage.getEngineerId() + "\n" + stretch;
    Sample sample = Sample.of(usage);
    String branch = PrActivityRecorder.branchKey(usage.getRepository(), usage.getBranch());
    requests.put(
        key,
        (usage.getSessionId() == null ? "" : usage.getSessionId())
            + "\t"
            + sample.tokens()
            + "\t"
            + sample.costUsd()
            + "\t"
            + (branch == null ? "" : branch),
        time);
    WasteFinding night = nights.get(key);
    if (night == null) {
      night =
          Findings.builder(WastePattern.OVERNIGHT_PADDING, usage.getEngineerId(), stretch, time, 0)
              .setEngineerId(usage.getEngineerId())
              .setTeam(usage.getTeam())
              .setSessionId(usage.getSessionId())
              .setRepository(usage.getRepository())
              .setWindowStart(at)
              .build();
    }
    night.setWindowStart(
        Instant.ofEpochMilli(Math.min(night.getWindowStart().toEpochMilli(), time)));
    night.setWindowEnd(Instant.ofEpochMilli(Math.max(night.getWindowEnd().toEpochMilli(), time)));
    night.setDetectedAt(
        Instant.ofEpochMilli(context.currentSystemTimeMs())); // last touched, while pending
    nights.put(key, night);
    candidates().put(key, over(night));
  }

  /** When {@code night} is over: its last request, the look-ahead and the grace. */
  private long over(WasteFinding night) {
    return night.getWindowEnd().toEpochMilli() + settings.lookahead().toMillis() + grace;
  }

  private DueIndex candidates() {
    if (byOver == null) {
      byOver = new DueIndex();
      try (KeyValueIterator<String, WasteFinding> it = nights.all()) {
        it.forEachRemaining(kv -> byOver.put(kv.key, over(kv.value)));
      }
    }
    return byOver;
  }

  private boolean attended(String session, long time) {
    return !session.isEmpty()
        && prompts.lastAtOrBefore(session, time - settings.unattended().toMillis(), time)
            != Long.MIN_VALUE;
  }

  private Optional<WorkingHours> workingHours(String engineerId) {
    DirectoryEntry entry = directory.get("engineer:" + engineerId);
    return entry == null || entry.getEngineer() == null
        ? Optional.empty()
        : WorkingHours.of(entry.getEngineer());
  }

  /**
   * Decides every candidate due by stream time (and settled) or by the wall clock (and untouched as
   * long).
   */
  private void decide(long wallClock) {
    long streamTime = context.currentStreamTimeMs();
    long lookahead = settings.lookahead().toMillis();
    List<KeyValue<String, WasteFinding>> due = new ArrayList<>();
    for (String key : candidates().dueBy(Math.max(streamTime, wallClock))) {
      WasteFinding night = nights.get(key);
      if (night == null) {
        byOver.remove(key);
        continue;
      }
      long over = over(night);
      long touched = night.getDetectedAt().toEpochMilli();
      if (over <= streamTime && touched + settings.settle().toMillis() <= wallClock
          || over <= wallClock && touched + lookahead <= wallClock) {
        due.add(KeyValue.pair(key, night));
      }
    }
    for (KeyValue<String, WasteFinding> entry : due) {
      nights.delete(entry.key);
      byOver.remove(entry.key);
      Set<String> branches = new HashSet<>();
      unattendedPart(entry.key, entry.value, branches)
          .filter(night -> !hadPrActivity(night, branches))
          .ifPresent(
              night -> {
                night.setDetectedAt(Instant.ofEpochMilli(wallClock));
                night.setSummary(
                    night.getTokens()
                        + " tokens burned outside working hours in unattended sessions, with "
                        + "no pull-request activity on that work within "
                        + settings.lookahead().toHours()
                        + " h.");
                Findings.emit(context, night);
              });
    }
  }

  /**
   * The candidate narrowed to its unattended requests, if they reach the threshold; adds their
   * branch keys to {@code branches} (an empty key for a request without repository or branch).
   */
  private Optional<WasteFinding> unattendedPart(
      String key, WasteFinding night, Set<String> branches) {
    long tokens = 0;
    double cost = 0;
    int count = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    try (WindowStoreIterator<String> it =
        requests.fetch(
            key, night.getWindowStart().toEpochMilli(), night.getWindowEnd().toEpochMilli())) {
      while (it.hasNext()) {
        KeyValue<Long, String> request = it.next();
        String[] fields = request.value.split("\t", 4);
        if (!attended(fields[0], request.key)) {
          branches.add(fields.length > 3 ? fields[3] : "");
          tokens += Long.parseLong(fields[1]);
          cost += Double.parseDouble(fields[2]);
          count++;
          first = Math.min(first, request.key);
          last = Math.max(last, request.key);
        }
      }
    }
    if (tokens < settings.minTokens()) {
      return Optional.empty();
    }
    night.setWindowStart(Instant.ofEpochMilli(first));
    night.setWindowEnd(Instant.ofEpochMilli(last));
    night.setTokens(tokens);
    night.setEstimatedWastedCostUsd(cost);
    night.setEvidence(
        Map.of(
            "requests",
            (double) count,
            "tokensOutsideHours",
            (double) tokens,
            "lookaheadMs",
            (double) settings.lookahead().toMillis()));
    return Optional.of(night);
  }

  /**
   * Whether pull-request activity attributable to the night's work followed within the look-ahead:
   * activity of a pull request on one of the night's branches; when some of its requests name no
   * branch, any activity naming the engineer (nothing ties that work to a branch).
   */
  private boolean hadPrActivity(WasteFinding night, Set<String> branches) {
    boolean anyActivityCounts = branches.contains("");
    try (WindowStoreIterator<String> it =
        prActivity.fetch(
            night.getEngineerId(),
            night.getWindowStart().toEpochMilli(),
            night.getWindowEnd().toEpochMilli() + settings.lookahead().toMillis())) {
      while (it.hasNext()) {
        String branch = PrActivityRecorder.branchOf(it.next().value);
        if (anyActivityCounts || branch != null && branches.contains(branch)) {
          return true;
        }
      }
    }
    return false;
  }
}
