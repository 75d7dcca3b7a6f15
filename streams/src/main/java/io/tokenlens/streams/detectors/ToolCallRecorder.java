package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.streams.state.TimeLog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Records tool results under their session id in {@link SessionToolCalls#STORE}; emits nothing.
 * Activity without a session id or a tool name cannot be placed and is ignored.
 */
public final class ToolCallRecorder implements Processor<String, AgentActivity, Void, Void> {

  public static final String NAME = "detect-record-tool-calls";

  private TimeLog<String> calls;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    calls = TimeLog.of(context.getStateStore(SessionToolCalls.STORE), Serdes.String());
  }

  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity activity = record.value();
    if (activity == null
        || activity.getKind() != ActivityKind.TOOL_RESULT
        || activity.getSessionId() == null
        || activity.getToolName() == null) {
      return;
    }
    calls.put(
        activity.getSessionId(),
        SessionToolCalls.key(
            activity.getToolName(),
            activity.getToolArgumentsHash(),
            activity.getToolResultSizeBytes()),
        activity.getOccurredAt().toEpochMilli());
  }
}
