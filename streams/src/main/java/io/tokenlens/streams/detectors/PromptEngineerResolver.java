package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.streams.enrichment.IdentityResolver;
import io.tokenlens.streams.topology.StreamsCounters;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * User prompts re-keyed by the engineer their raw identities resolve to through the directory (the
 * enrichment's {@link IdentityResolver}), with engineer and team set. Prompts of unknown identities
 * are counted and dropped.
 */
public final class PromptEngineerResolver
    implements Processor<String, AgentActivity, String, AgentActivity> {

  public static final String NAME = "detect-prompt-engineer";

  private final String directoryStore;
  private ProcessorContext<String, AgentActivity> context;
  private IdentityResolver resolver;
  private Sensor unknown;

  public PromptEngineerResolver(String directoryStore) {
    this.directoryStore = directoryStore;
  }

  @Override
  public void init(ProcessorContext<String, AgentActivity> context) {
    this.context = context;
    TimestampedKeyValueStore<String, DirectoryEntry> directory =
        context.getStateStore(directoryStore);
    resolver = new IdentityResolver(key -> ValueAndTimestamp.getValueOrNull(directory.get(key)));
    unknown = StreamsCounters.counter(context, NAME, "unknown-identity");
  }

  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity a = record.value();
    if (a == null || a.getKind() != ActivityKind.USER_PROMPT) {
      return;
    }
    resolver
        .resolve(a.getUserId(), a.getUserEmail(), a.getAccountId(), a.getApiKeyId())
        .ifPresentOrElse(
            r -> {
              AgentActivity resolved =
                  AgentActivity.newBuilder(a)
                      .setEngineerId(r.engineerId())
                      .setTeam(r.engineer() == null ? null : r.engineer().getTeam())
                      .build();
              context.forward(record.withKey(r.engineerId()).withValue(resolved));
            },
            unknown::record);
  }
}
