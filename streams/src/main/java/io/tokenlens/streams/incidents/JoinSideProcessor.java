package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.config.IncidentLinkSettings;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One side of the incident ↔ pull-request join ({@link IncidentLinkProcessor}, {@link
 * MergedPrProcessor}): builds the {@link IncidentLinker} over the join's stores when its task
 * starts, and forwards every link a record makes, keyed by its (incident, pull request) pair.
 */
abstract class JoinSideProcessor<V> implements Processor<String, V, String, IncidentLink> {

  private final IncidentLinkSettings settings;
  private final IncidentLinkStores stores;
  private ProcessorContext<String, IncidentLink> context;
  private IncidentLinker linker;

  JoinSideProcessor(IncidentLinkSettings settings, IncidentLinkStores stores) {
    this.settings = settings;
    this.stores = stores;
  }

  @Override
  public final void init(ProcessorContext<String, IncidentLink> context) {
    this.context = context;
    this.linker = new IncidentLinker(context, settings, stores);
  }

  @Override
  public final void process(Record<String, V> record) {
    for (IncidentLink link : links(linker, record.value())) {
      context.forward(
          new Record<>(RecordKeys.incidentLink(link), link, linkTime(record.timestamp(), link)));
    }
  }

  /**
   * The links {@code value} makes (and remembers it for the other side); none for a value this side
   * ignores.
   */
  abstract List<IncidentLink> links(IncidentLinker linker, V value);

  /** The timestamp of {@code link}, made by a record of time {@code recordTime}. */
  long linkTime(long recordTime, IncidentLink link) {
    return recordTime;
  }
}
