package io.tokenlens.sink;

import io.tokenlens.schemas.registry.RegistryAuthenticationException;
import io.tokenlens.schemas.registry.RegistryUnreachableException;
import io.tokenlens.schemas.registry.SchemaRegistryException;
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
 * Partitions whose next record could not be read because the schema registry did not answer, answered 5xx, or
 * refused the credentials. That is no fault of the record, so it is not dead-lettered: the partition is rewound
 * to it and paused, and consumption resumes after an exponential backoff, until the registry answers again.
 */
final class RegistryWait {

  private static final Logger log = LoggerFactory.getLogger(RegistryWait.class);

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Set<TopicPartition> paused = new HashSet<>();
  private Duration backoff;
  private long resumeAtNanos;

  RegistryWait(Duration initialBackoff, Duration maxBackoff) {
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.backoff = initialBackoff;
  }

  /** Whether {@code e}, thrown while reading a record, is the registry's failure rather than the record's. */
  static boolean isRegistryFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnreachableException || t instanceof RegistryAuthenticationException) {
        return true;
      }
      if (t instanceof SchemaRegistryException e5xx && e5xx.httpStatus() >= 500) {
        return true; // it answered 5xx to every retry
      }
    }
    return false;
  }

  /** Rewinds {@code tp} to {@code offset}, the record that could not be read, and pauses it for the backoff. */
  void rewind(Consumer<?, ?> consumer, TopicPartition tp, long offset, RuntimeException cause, long nowNanos) {
    consumer.seek(tp, offset);
    consumer.pause(List.of(tp));
    if (paused.isEmpty()) {
      log.warn("Schema registry failed while reading {}@{} ({}); the record is kept and read again in {} ms", tp,
          offset, cause.getMessage(), backoff.toMillis());
      resumeAtNanos = nowNanos + backoff.toNanos();
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
    paused.add(tp);
  }

  /** Resumes the paused partitions once the backoff has passed, except those {@code keepPaused} holds back. */
  void resumeDue(Consumer<?, ?> consumer, long nowNanos, Predicate<TopicPartition> keepPaused) {
    if (paused.isEmpty() || nowNanos - resumeAtNanos < 0) {
      return;
    }
    List<TopicPartition> resume = paused.stream().filter(keepPaused.negate()).toList();
    consumer.resume(resume);
    paused.clear();
  }

  /** A record was read: the registry answers, so the next failure starts from the initial backoff. */
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
