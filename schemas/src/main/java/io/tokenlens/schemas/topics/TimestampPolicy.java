package io.tokenlens.schemas.topics;

import java.time.Duration;

/**
 * What the Kafka record timestamp of a topic means, and the broker limits that follow from it.
 *
 * <p>Both policies use {@code CreateTime}: {@code LogAppendTime} would overwrite the producer's
 * timestamp with the broker's clock. Kafka 4 rejects record timestamps more than {@code
 * message.timestamp.after.max.ms} (default 1 h) in the future, and deletes a closed segment as soon
 * as its newest record timestamp is older than {@code retention.ms}: so a topic whose records may
 * carry old event times (imports, backfills) must not use them as record timestamps, and a topic
 * whose timestamps come from clients' clocks must tolerate skew.
 */
public enum TimestampPolicy {
  /**
   * The record timestamp is the time the producer published the record (leave it unset: the
   * producer stamps its clock). Event time lives in the payload ({@code occurredAt}) and Kafka
   * Streams reads it with a timestamp extractor. Retention counts from publication, so a backfill
   * of year-old events keeps its full retention. The broker rejects timestamps older than one day:
   * a producer that wrongly stamps event time fails loudly instead of having its records deleted
   * silently.
   */
  ACCEPT_TIME(Duration.ofDays(1), Duration.ofHours(1)),
  /**
   * The record timestamp is the event time, as Kafka Streams carries it forward to its output
   * records. Old timestamps are accepted (no lower limit); up to one day in the future is accepted
   * so that a client with a skewed clock cannot fail a Streams task. Records older than the topic's
   * retention are deleted once their segment rolls: reprocessing history older than the retention
   * needs a longer retention for the run.
   */
  EVENT_TIME(null, Duration.ofDays(1));

  private final Duration maxAgeAtAppend;
  private final Duration maxFutureAtAppend;

  TimestampPolicy(Duration maxAgeAtAppend, Duration maxFutureAtAppend) {
    this.maxAgeAtAppend = maxAgeAtAppend;
    this.maxFutureAtAppend = maxFutureAtAppend;
  }

  /** {@code message.timestamp.before.max.ms}: how far in the past a record timestamp may be. */
  public long beforeMaxMs() {
    return maxAgeAtAppend == null ? Long.MAX_VALUE : maxAgeAtAppend.toMillis();
  }

  /** {@code message.timestamp.after.max.ms}: how far in the future a record timestamp may be. */
  public long afterMaxMs() {
    return maxFutureAtAppend.toMillis();
  }
}
