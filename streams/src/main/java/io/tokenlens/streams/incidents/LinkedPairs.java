package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentLink;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The (incident, pull request) pairs already emitted, shared by both sides of the join so that each
 * pair is emitted once whichever side arrives second: the link id at the incident's trigger time,
 * valued {@value #WITHOUT_MERGE} for a link to a referenced pull request whose merge was not known
 * yet, anything else for a link that carried its merge. A link without its merge is emitted again,
 * once, when the merge becomes known (same link id, so the sink keeps the completed one).
 */
final class LinkedPairs {

  static final long WITHOUT_MERGE = -1L;
  private static final long WITH_MERGE = 1L;

  private final WindowStore<String, Long> store;

  LinkedPairs(ProcessingContext context, String storeName) {
    this.store = context.getStateStore(storeName);
  }

  /**
   * Whether {@code link} is new (or completes a link emitted without its merge); if so it is
   * remembered as emitted.
   */
  boolean claim(IncidentLink link) {
    long at = link.getIncidentTriggeredAt().toEpochMilli();
    Long emitted = emitted(link.getLinkId(), at);
    boolean withMerge = link.getMergedAt() != null;
    if (emitted != null && (emitted != WITHOUT_MERGE || !withMerge)) {
      return false;
    }
    store.put(link.getLinkId(), withMerge ? WITH_MERGE : WITHOUT_MERGE, at);
    return true;
  }

  private Long emitted(String linkId, long triggeredAt) {
    try (WindowStoreIterator<Long> it = store.fetch(linkId, triggeredAt, triggeredAt)) {
      return it.hasNext() ? it.next().value : null;
    }
  }
}
