package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.OvernightPadding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * OVERNIGHT_PADDING: at least {@code minTokens} tokens an engineer's unattended sessions (no user prompt in the
 * session within {@code unattended} before the request) burned in one off-hours stretch (outside the working hours
 * of the engineer's directory entry), with no pull-request activity naming the engineer from the first of those
 * requests until {@code lookahead} after the last. Reads usage keyed by engineer.
 *
 * <p>Each stretch is a candidate in {@link #NIGHTS_STORE} (a pending {@link WasteFinding}, keyed
 * {@code <engineer>\n<stretch start>}) until its look-ahead is over; then it is reported or dropped, and deleted.
 * Punctuation decides on stream time, and on wall-clock time when stream time stalls (quiet nights): a candidate is
 * decided when either clock has passed its last request plus look-ahead plus grace — the wall clock only once the
 * candidate has also been untouched for the look-ahead, so a replay of old events does not decide before their
 * pull-request activity was read.
 */
public final class OvernightPaddingDetector implements Processor<String, TokenUsage, String, WasteFinding> {

  public static final String NAME = "detect-overnight-padding";
  public static final String NIGHTS_STORE = "detect-overnight-padding-nights-store";
  public static final String PROMPTS_STORE = "detect-overnight-padding-prompts-store";

  private final OvernightPadding settings;
  private final long grace;
  private final String directoryStore;
  private ProcessorContext<String, WasteFinding> context;
  private KeyValueStore<String, WasteFinding> nights;
  private SessionPrompts prompts;
  private WindowStore<String, String> prActivity;
  private TimestampedKeyValueStore<String, DirectoryEntry> directory;

  public OvernightPaddingDetector(OvernightPadding settings, Duration grace, String directoryStore) {
    this.settings = settings;
    this.grace = grace.toMillis();
    this.directoryStore = directoryStore;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    nights = context.getStateStore(NIGHTS_STORE);
    prompts = new SessionPrompts(context.getStateStore(PROMPTS_STORE));
    prActivity = context.getStateStore(PrActivityRecorder.STORE);
    directory = context.getStateStore(directoryStore);
    context.schedule(settings.punctuateInterval(), PunctuationType.STREAM_TIME, this::decideOnStreamTime);
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::decideOnWallClock);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    Instant at = usage.getOccurredAt();
    Optional<WorkingHours> hours = workingHours(usage.getEngineerId());
    if (hours.isEmpty() || hours.get().isWorking(at) || attended(usage)) {
      return;
    }
    long time = at.toEpochMilli();
    long stretch = hours.get().offHoursStart(at).toEpochMilli();
    String key = usage.getEngineerId() + "\n" + stretch;
    Sample sample = Sample.of(usage);
    WasteFinding night = nights.get(key);
    if (night == null) {
      night = Findings.builder(WastePattern.OVERNIGHT_PADDING, usage.getEngineerId(), stretch, time, 0)
          .setEngineerId(usage.getEngineerId()).setTeam(usage.getTeam()).setSessionId(usage.getSessionId())
          .setRepository(usage.getRepository()).setWindowStart(at).setEvidence(Map.of("requests", 0.0))
          .build();
    }
    Map<String, Double> evidence = new HashMap<>(night.getEvidence());
    evidence.merge("requests", 1.0, Double::sum);
    night.setWindowStart(Instant.ofEpochMilli(Math.min(night.getWindowStart().toEpochMilli(), time)));
    night.setWindowEnd(Instant.ofEpochMilli(Math.max(night.getWindowEnd().toEpochMilli(), time)));
    night.setTokens(night.getTokens() + sample.tokens());
    night.setEstimatedWastedCostUsd(night.getEstimatedWastedCostUsd() + sample.costUsd());
    night.setEvidence(evidence);
    night.setDetectedAt(Instant.ofEpochMilli(context.currentSystemTimeMs())); // last touched, while pending
    nights.put(key, night);
  }

  private boolean attended(TokenUsage usage) {
    long time = usage.getOccurredAt().toEpochMilli();
    return usage.getSessionId() != null
        && prompts.lastAtOrBefore(usage.getSessionId(), time - settings.unattended().toMillis(), time)
            != Long.MIN_VALUE;
  }

  private Optional<WorkingHours> workingHours(String engineerId) {
    DirectoryEntry entry = ValueAndTimestamp.getValueOrNull(directory.get("engineer:" + engineerId));
    return entry == null || entry.getEngineer() == null ? Optional.empty() : WorkingHours.of(entry.getEngineer());
  }

  private void decideOnStreamTime(long streamTime) {
    decide(streamTime, Long.MAX_VALUE);
  }

  private void decideOnWallClock(long wallClock) {
    decide(wallClock, wallClock - settings.lookahead().toMillis());
  }

  /** Decides every candidate whose look-ahead ended by {@code now} and that was last touched by {@code touchedBy}. */
  private void decide(long now, long touchedBy) {
    List<KeyValue<String, WasteFinding>> due = new ArrayList<>();
    try (KeyValueIterator<String, WasteFinding> it = nights.all()) {
      while (it.hasNext()) {
        KeyValue<String, WasteFinding> next = it.next();
        WasteFinding night = next.value;
        if (night.getWindowEnd().toEpochMilli() + settings.lookahead().toMillis() + grace <= now
            && night.getDetectedAt().toEpochMilli() <= touchedBy) {
          due.add(next);
        }
      }
    }
    for (KeyValue<String, WasteFinding> entry : due) {
      WasteFinding night = entry.value;
      nights.delete(entry.key);
      if (night.getTokens() >= settings.minTokens() && !hadPrActivity(night)) {
        Map<String, Double> evidence = new HashMap<>(night.getEvidence());
        evidence.put("tokensOutsideHours", (double) night.getTokens());
        evidence.put("lookaheadMs", (double) settings.lookahead().toMillis());
        night.setEvidence(evidence);
        night.setDetectedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        night.setSummary(night.getTokens() + " tokens burned outside working hours in unattended sessions, with no "
            + "pull-request activity within " + settings.lookahead().toHours() + " h.");
        Findings.emit(context, night);
      }
    }
  }

  private boolean hadPrActivity(WasteFinding night) {
    try (WindowStoreIterator<String> it = prActivity.fetch(night.getEngineerId(), night.getWindowStart().toEpochMilli(),
        night.getWindowEnd().toEpochMilli() + settings.lookahead().toMillis())) {
      return it.hasNext();
    }
  }
}
