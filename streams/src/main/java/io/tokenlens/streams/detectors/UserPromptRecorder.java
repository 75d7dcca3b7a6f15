package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.streams.state.TimeLog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Records user prompts under their session id in a prompts store ({@link SessionPrompts}); emits
 * nothing. Activity without a session id cannot be placed and is ignored.
 */
public final class UserPromptRecorder implements Processor<String, AgentActivity, Void, Void> {

  public static final String NAME = "detect-record-user-prompts";

  private final String store;
  private TimeLog<String> prompts;

  public UserPromptRecorder(String store) {
    this.store = store;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    prompts = TimeLog.of(context.getStateStore(store), Serdes.String());
  }

  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity activity = record.value();
    if (activity == null
        || activity.getKind() != ActivityKind.USER_PROMPT
        || activity.getSessionId() == null) {
      return;
    }
    prompts.put(
        activity.getSessionId(), activity.getEventId(), activity.getOccurredAt().toEpochMilli());
  }
}
