package io.tokenlens.sink;

import io.tokenlens.schemas.registry.RegistryReadFailures;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions whose next record could not be read because the schema registry did not answer,
 * answered 5xx, or refused the credentials ({@link RegistryReadFailures}, shared with the streams
 * job). That is no fault of the record, so it is not dead-lettered: the partition is rewound to it
 * and paused, and consumption resumes after an exponential backoff, until the registry answers
 * again.
 *
 * <p>A schema id the registry answers 404 for is waited out the same way, for at most the
 * unknown-id wait from the first 404 for that id; after that, records with that id are
 * dead-lettered. Such an id is always one this process has never resolved (the registry client
 * keeps every schema it resolved for good, whatever the registry says later): a follower registry
 * that has not read the id yet, or a registry restarting on an emptied schemas topic, answers 404
 * for a while. Records written against another registry are dead-lettered once the wait is over.
 */
final class RegistryWait {

  private static final Logger log = LoggerFactory.getLogger(RegistryWait.class);

  /**
   * Thrown for a record to read again later rather than to dead-letter; the cause is the registry's
   * failure.
   */
  static final class ReadAgain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadAgain(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration unknownIdWait;
  private final RegistryReadFailures failures = new RegistryReadFailures();
  private final Set<TopicPartition> paused = new HashSet<>();
  private Duration backoff;
  private long resumeAtNanos;

  RegistryWait(Duration initialBackoff, Duration maxBackoff, Duration unknownIdWait) {
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.unknownIdWait = unknownIdWait;
    this.backoff = initialBackoff;
  }

  /**
   * Whether the record whose reading threw {@code e} is to be read again later: the registry
   * failed, or it does not know the record's schema id and first said so less than the unknown-id
   * wait ago.
   */
  boolean shouldWait(RuntimeException e, long nowNanos) {
    return failures.readAgain(e, unknownIdWait, nowNanos);
  }

  /**
   * Rewinds {@code tp} to {@code offset}, the record that could not be read, and pauses it for the
   * backoff.
   */
  void rewind(
      Consumer<?, ?> consumer, TopicPartition tp, long offset, Throwable cause, long nowNanos) {
    consumer.seek(tp, offset);
    consumer.pause(List.of(tp));
    if (paused.isEmpty()) {
      log.warn(
          "The schema registry could not resolve the schema of {}@{} ({}); the record is kept and read again"
              + " in {} ms",
          tp,
          offset,
          cause.getMessage(),
          backoff.toMillis());
      resumeAtNanos = nowNanos + backoff.toNanos();
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
    paused.add(tp);
  }

  /**
   * Resumes the paused partitions once the backoff has passed, except those {@code keepPaused}
   * holds back.
   */
  void resumeDue(Consumer<?, ?> consumer, long nowNanos, Predicate<TopicPartition> keepPaused) {
    if (paused.isEmpty() || nowNanos - resumeAtNanos < 0) {
      return;
    }
    List<TopicPartition> resume = paused.stream().filter(keepPaused.negate()).toList();
    consumer.resume(resume);
    paused.clear();
  }

  /**
   * A record was read: the registry answers, so the next failure starts from the initial backoff.
   */
  void answered() {
    if (paused.isEmpty()) {
      backoff = initialBackoff;
    }
  }

  boolean isPaused(TopicPartition tp) {
    return paused.contains(tp);
  }

  void revoked(Collection<TopicPartition> partitions) {
    paused.removeAll(partitions);
  }
}
