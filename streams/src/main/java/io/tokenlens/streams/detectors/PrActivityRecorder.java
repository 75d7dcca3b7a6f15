package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.streams.state.TimeLog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Records pull-request activity per engineer (keyed by engineer, at the activity's event time) in
 * {@link #STORE}: every version of a pull request's attribution names its author and the engineers
 * whose requests it carries, and is emitted when the pull request is opened, pushed to, merged or
 * closed, or when a request is attributed to it. The value is {@code
 * <owner/name>#<number>\t<owner/name>|<branch>} ({@link #branchKey}; no branch part when the pull
 * request names none), so that activity can be matched to the branch the work was on. Emits
 * nothing.
 */
public final class PrActivityRecorder implements Processor<String, PrAttribution, Void, Void> {

  public static final String NAME = "detect-record-pr-activity";
  public static final String STORE = "detect-overnight-padding-pr-activity-log";

  private TimeLog<String> activity;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    activity = TimeLog.of(context.getStateStore(STORE), Serdes.String());
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    PrAttribution pr = record.value();
    String branch = branchKey(pr.getRepository(), pr.getBranch());
    activity.put(
        record.key(),
        pr.getRepository() + "#" + pr.getNumber() + (branch == null ? "" : "\t" + branch),
        record.timestamp());
  }

  /** {@code <owner/name>|<branch>}, or null when either is unknown. */
  static String branchKey(String repository, String branch) {
    return repository == null || branch == null || branch.isBlank()
        ? null
        : repository + "|" + branch;
  }

  /** The branch key of a recorded activity, or null when it had none. */
  static String branchOf(String recorded) {
    int tab = recorded.indexOf('\t');
    return tab < 0 ? null : recorded.substring(tab + 1);
  }
}
