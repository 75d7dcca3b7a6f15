package io.tokenlens.streams.notify;

import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.NotifierConfig;
import io.tokenlens.streams.health.HealthServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts every alert of {@code burn-alerts} and every waste finding of {@code waste-findings} worth
 * it ({@link Notifications}) to the outgoing webhook, as a Slack-compatible or a generic JSON body,
 * in order per partition, from its own consumer (a slow or failing webhook delays notifications,
 * never the streams job). Reads {@code read_committed}, so an alert or finding of an aborted
 * streams transaction is never sent. Each notification is retried with exponential backoff until
 * the webhook answers 2xx (or refuses it for good with a 4xx, logged); only then is its offset
 * committed, with the idempotency keys of the partition's last deliveries in the commit's metadata.
 * A restart therefore resumes after the last delivered notification, skips a delivery id it sent
 * already (an alert id, a finding's cost step), and sends the same {@code Idempotency-Key} header
 * should it repeat the one delivery a crash interrupted between the 2xx and the commit. A subject
 * (engineer, team, repository) gets at most {@code notifier.rate.limit.per.subject} notifications
 * per period ({@link SubjectRateLimit}); the rest are dropped, counted, and announced in the
 * subject's next notification; the windows are kept in the group's own compacted topic ({@link
 * RateLimitLog}) and read back at start, so a restart does not reset them. While it waits between
 * retries the consumer keeps polling with its partitions paused, so it stays in its group. {@link
 * #health()} and {@link #metrics()} are what its {@code /health} and {@code /metrics} answer.
 */
public final class AlertNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final NotifierConfig config;
  private final WebhookClient webhook;
  private final TopicSerdes serdes;
  private final KafkaConsumer<String, Notification> consumer;
  private final SubjectRateLimit rateLimit;
  private final Map<TopicPartition, SentAlerts> sent = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong deduplicated = new AtomicLong();
  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
  private final RateLimitLog rateLimitLog;
  private volatile String refused;

  public AlertNotifier(NotifierConfig config) {
    this.config = config;
    this.webhook = new WebhookClient(config.webhookUrl(), config.requestTimeout());
    this.serdes = new TopicSerdes(config.serdeProperties());
    this.rateLimit = new SubjectRateLimit(config.rateLimit(), config.ratePeriod());
    this.rateLimitLog = new RateLimitLog(config);
    this.consumer =
        new KafkaConsumer<>(
            config.consumerProperties(),
            new StringDeserializer(),
            new NotificationDeserializer(
                serdes,
                config.topicSettings(),
                new Notifications(config.findingMinUsd(), config.findingGrowth())));
  }

  /**
   * The topics notified: {@code burn-alerts}, and {@code waste-findings} unless findings are
   * switched off.
   */
  public static List<String> topics(NotifierConfig config) {
    List<String> topics = new ArrayList<>(List.of(config.topicSettings().name(Topics.BURN_ALERTS)));
    if (config.findings()) {
      topics.add(config.topicSettings().name(Topics.WASTE_FINDINGS));
    }
    return topics;
  }

  /** Consumes and delivers until {@link #close()}; call from one thread. */
  public void run() {
    List<String> topics = topics(config);
    log.info(
        "Notifier delivering {} to {} as group {} ({} body)",
        topics,
        webhook.target(),
        config.groupId(),
        config.format().name().toLowerCase(java.util.Locale.ROOT));
    try {
      log.info(
          "Rate limits of {} subjects restored from {}",
          rateLimitLog.restoreInto(rateLimit),
          RateLimitLog.topic(config.groupId()));
      consumer.subscribe(topics, new Rebalance());
      while (running.get()) {
        ConsumerRecords<String, Notification> records;
        try {
          records = consumer.poll(POLL);
        } catch (RecordDeserializationException e) {
          skipUnreadable(e);
          continue;
        }
        for (TopicPartition partition : records.partitions()) {
          for (ConsumerRecord<String, Notification> record : records.records(partition)) {
            if (!running.get()
                || !consumer.assignment().contains(partition)
                || !handle(partition, record)) {
              break;
            }
          }
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      consumer.close();
      serdes.close();
      rateLimitLog.close();
      assigned.clear();
      log.info("Notifier stopped");
    }
  }

  /**
   * A record that is no alert or finding cannot be delivered: logged with its position and
   * committed past.
   */
  private void skipUnreadable(RecordDeserializationException e) {
    TopicPartition partition = e.topicPartition();
    log.error(
        "Record at {} offset {} is not a readable alert or finding; skipped: {}",
        partition,
        e.offset(),
        e.getMessage());
    SentAlerts partitionSent = sent.computeIfAbsent(partition, p -> new SentAlerts());
    consumer.seek(partition, e.offset() + 1);
    consumer.commitSync(
        Map.of(partition, new OffsetAndMetadata(e.offset() + 1, partitionSent.toMetadata())));
  }

  /**
   * Delivers one notification (unless sent already, or held back by the rate limit) and commits
   * past it; false when stopped or the partition was lost meanwhile.
   */
  private boolean handle(TopicPartition partition, ConsumerRecord<String, Notification> record) {
    Notification notification = record.value();
    SentAlerts partitionSent = sent.computeIfAbsent(partition, p -> new SentAlerts());
    if (notification != null) {
      String key = SentAlerts.keyOf(notification.deliveryId());
      int held;
      if (partitionSent.contains(key)) {
        deduplicated.incrementAndGet();
        log.debug("{} delivered already; skipped", notification.deliveryId());
      } else if ((held = rateLimit.take(notification.subject(), Instant.now())) < 0) {
        suppressed.incrementAndGet();
        recordWindow(notification.subject());
        log.info(
            "Rate limit of {}: {} not notified ({} held back in all)",
            notification.subject(),
            notification.deliveryId(),
            rateLimit.suppressed());
      } else if (deliver(notification.withSuppressed(held), key)) {
        partitionSent.add(key);
        recordWindow(notification.subject());
      } else {
        return false;
      }
    }
    try {
      consumer.commitSync(
          Map.of(
              partition, new OffsetAndMetadata(record.offset() + 1, partitionSent.toMetadata())));
      return true;
    } catch (CommitFailedException e) {
      log.warn(
          "Partition {} moved to another notifier before the commit of offset {}: {}",
          partition,
          record.offset(),
          e.getMessage());
      return false;
    }
  }

  /** Posts until delivered or refused; false when stopped or the partitions were revoked first. */
  private boolean deliver(Notification notification, String key) {
    String body =
        config.format() == NotifierConfig.Format.JSON
            ? JsonMessage.body(notification)
            : SlackMessage.body(notification);
    Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    while (running.get()) {
      WebhookClient.Result result;
      try {
        result = webhook.post(body, key, notification.id());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      switch (result.outcome()) {
        case DELIVERED -> {
          delivered.incrementAndGet();
          refused = null;
          return true;
        }
        case REJECTED -> {
          failed.incrementAndGet();
          refused = notification.deliveryId() + " (" + result.detail() + ")";
          log.error(
              "Webhook refused {} ({}); not retried", notification.deliveryId(), result.detail());
          return true;
        }
        default -> {
          failed.incrementAndGet();
          Duration wait = backoff.next();
          log.warn(
              "Webhook delivery of {} failed ({}); retry {} in {} ms",
              notification.deliveryId(),
              result.detail(),
              backoff.attempts(),
              wait.toMillis());
          if (!waitPolling(wait)) {
            return false;
          }
        }
      }
    }
    return false;
  }

  /** Notifications the webhook accepted (2xx) since the start. */
  public long delivered() {
    return delivered.get();
  }

  /** Notifications the rate limit held back since the start. */
  public long suppressed() {
    return suppressed.get();
  }

  /** Keeps the subject's rate-limit window (if it has one) before the offset is committed. */
  private void recordWindow(String subject) {
    SubjectRateLimit.State state = rateLimit.state(subject);
    if (state != null) {
      rateLimitLog.record(subject, state);
    }
  }

  /**
   * Ready (200) while partitions are assigned to it and its last delivery was not refused for good
   * (4xx); otherwise 503 and why. A delivery being retried is not a failure yet.
   */
  public HealthServer.Health health() {
    if (assigned.isEmpty()) {
      return new HealthServer.Health(503, "NOT_ASSIGNED no partition of " + topics(config) + "\n");
    }
    String last = refused;
    if (last != null) {
      return new HealthServer.Health(503, "REFUSED " + last + "\n");
    }
    return new HealthServer.Health(200, "DELIVERING " + assigned.size() + " partitions\n");
  }

  /** Its counters since the start and the partitions assigned, in Prometheus text format. */
  public String metrics() {
    StringBuilder out = new StringBuilder();
    counter(out, "delivered", "notifications the webhook accepted (2xx)", delivered.get());
    counter(out, "failed", "delivery attempts that failed (retried, or refused)", failed.get());
    counter(out, "deduplicated", "notifications skipped as delivered already", deduplicated.get());
    counter(out, "rate_limited", "notifications the rate limit held back", suppressed.get());
    out.append("# TYPE tokenlens_notifier_assigned_partitions gauge\n")
        .append("tokenlens_notifier_assigned_partitions ")
        .append(assigned.size())
        .append('\n');
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    String family = "tokenlens_notifier_" + name + "_total";
    out.append("# HELP ").append(family).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(family).append(" counter\n");
    out.append(family).append(' ').append(value).append('\n');
  }

  /**
   * Waits by polling with every partition paused, keeping the group membership; false if any were
   * revoked.
   */
  private boolean waitPolling(Duration wait) {
    var before = consumer.assignment();
    consumer.pause(before);
    try {
      ConsumerRecords<String, Notification> none = consumer.poll(wait);
      if (!none.isEmpty()) {
        throw new IllegalStateException("records polled from paused partitions");
      }
    } finally {
      consumer.resume(consumer.paused());
    }
    return consumer.assignment().containsAll(before);
  }

  /** Stops the loop (from any thread); the current delivery attempt ends first. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned.addAll(partitions);
      consumer
          .committed(new java.util.HashSet<>(partitions))
          .forEach(
              (partition, offset) ->
                  sent.put(
                      partition,
                      SentAlerts.fromMetadata(offset == null ? null : offset.metadata())));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(sent::remove);
      assigned.removeAll(partitions);
    }
  }
}
