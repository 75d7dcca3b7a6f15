package io.tokenlens.streams.topology;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.TokenUsage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of the records the job reads. Collectors leave the record timestamp at publish time
 * (the catalog's {@code ACCEPT_TIME}); the event time is in the payload: {@code occurredAt} of a
 * {@link TokenUsage}, a {@link PullRequestEvent}, an {@link IncidentEvent} or an {@link
 * AgentActivity}. Records written by this job ({@code EVENT_TIME} topics, repartition topics) and
 * reference data keep their record timestamp. A record without a usable time keeps the partition's
 * time rather than being dropped.
 */
public final class EventTimeExtractor implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long time = record.timestamp();
    if (record.value() instanceof TokenUsage usage && usage.getOccurredAt() != null) {
      time = usage.getOccurredAt().toEpochMilli();
    } else if (record.value() instanceof PullRequestEvent event && event.getOccurredAt() != null) {
      time = event.getOccurredAt().toEpochMilli();
    } else if (record.value() instanceof IncidentEvent incident
        && incident.getOccurredAt() != null) {
      time = incident.getOccurredAt().toEpochMilli();
    } else if (record.value() instanceof AgentActivity activity
        && activity.getOccurredAt() != null) {
      time = activity.getOccurredAt().toEpochMilli();
    }
    return time >= 0 ? time : Math.max(partitionTime, 0);
  }
}
