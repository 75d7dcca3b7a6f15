package io.tokenlens.streams.notify;

import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.NotifierConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Posts every alert of {@code burn-alerts} to the outgoing webhook, in order per partition, from its own consumer
 * (a slow or failing webhook delays notifications, never the streams job). Reads {@code read_committed}, so an alert
 * of an aborted streams transaction is never sent. Each alert is retried with exponential backoff until the webhook
 * answers 2xx (or refuses it for good with a 4xx, logged); only then is its offset committed, with the idempotency
 * keys of the partition's last deliveries in the commit's metadata. A restart therefore resumes after the last
 * delivered alert, skips an alert id it delivered already, and sends the same {@code Idempotency-Key} header should
 * it repeat the one delivery a crash interrupted between the 2xx and the commit. While it waits between retries the
 * consumer keeps polling with its partitions paused, so it stays in its group.
 */
public final class AlertNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final NotifierConfig config;
  private final WebhookClient webhook;
  private final TopicSerdes serdes;
  private final KafkaConsumer<String, BurnAlert> consumer;
  private final Map<TopicPartition, SentAlerts> sent = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);

  public AlertNotifier(NotifierConfig config) {
    this.config = config;
    this.webhook = new WebhookClient(config.webhookUrl(), config.requestTimeout());
    this.serdes = new TopicSerdes(config.serdeProperties());
    this.consumer = new KafkaConsumer<>(config.consumerProperties(), new StringDeserializer(),
        serdes.valueDeserializer(Topics.BURN_ALERTS));
  }

  /** Consumes and delivers until {@link #close()}; call from one thread. */
  public void run() {
    String topic = config.topicSettings().name(Topics.BURN_ALERTS);
    log.info("Notifier delivering {} to {} as group {}", topic, webhook.target(), config.groupId());
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running.get()) {
        ConsumerRecords<String, BurnAlert> records;
        try {
          records = consumer.poll(POLL);
        } catch (RecordDeserializationException e) {
          skipUnreadable(e);
          continue;
        }
        for (TopicPartition partition : records.partitions()) {
          for (ConsumerRecord<String, BurnAlert> record : records.records(partition)) {
            if (!running.get() || !consumer.assignment().contains(partition) || !handle(partition, record)) {
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
      log.info("Notifier stopped");
    }
  }

  /** A record that is no alert cannot be delivered: logged with its position and committed past. */
  private void skipUnreadable(RecordDeserializationException e) {
    TopicPartition partition = e.topicPartition();
    log.error("Record at {} offset {} is not a readable alert; skipped: {}", partition, e.offset(), e.getMessage());
    SentAlerts partitionSent = sent.computeIfAbsent(partition, p -> new SentAlerts());
    consumer.seek(partition, e.offset() + 1);
    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(e.offset() + 1, partitionSent.toMetadata())));
  }

  /** Delivers one alert and commits past it; false when stopped or the partition was lost meanwhile. */
  private boolean handle(TopicPartition partition, ConsumerRecord<String, BurnAlert> record) {
    BurnAlert alert = record.value();
    SentAlerts partitionSent = sent.computeIfAbsent(partition, p -> new SentAlerts());
    if (alert != null) {
      String key = SentAlerts.keyOf(alert.getAlertId());
      if (partitionSent.contains(key)) {
        log.debug("Alert {} delivered already; skipped", alert.getAlertId());
      } else if (deliver(alert, key)) {
        partitionSent.add(key);
      } else {
        return false;
      }
    }
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1, partitionSent.toMetadata())));
      return true;
    } catch (CommitFailedException e) {
      log.warn("Partition {} moved to another notifier before the commit of offset {}: {}", partition,
          record.offset(), e.getMessage());
      return false;
    }
  }

  /** Posts until delivered or refused; false when stopped or the partitions were revoked first. */
  private boolean deliver(BurnAlert alert, String key) {
    String body = SlackMessage.body(alert);
    Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    while (running.get()) {
      WebhookClient.Result result;
      try {
        result = webhook.post(body, key, alert.getAlertId());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      switch (result.outcome()) {
        case DELIVERED -> {
          return true;
        }
        case REJECTED -> {
          log.error("Webhook refused alert {} ({}); not retried", alert.getAlertId(), result.detail());
          return true;
        }
        default -> {
          Duration wait = backoff.next();
          log.warn("Webhook delivery of alert {} failed ({}); retry {} in {} ms", alert.getAlertId(),
              result.detail(), backoff.attempts(), wait.toMillis());
          if (!waitPolling(wait)) {
            return false;
          }
        }
      }
    }
    return false;
  }

  /** Waits by polling with every partition paused, keeping the group membership; false if any were revoked. */
  private boolean waitPolling(Duration wait) {
    var before = consumer.assignment();
    consumer.pause(before);
    try {
      ConsumerRecords<String, BurnAlert> none = consumer.poll(wait);
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
      consumer.committed(new java.util.HashSet<>(partitions)).forEach((partition, offset) ->
          sent.put(partition, SentAlerts.fromMetadata(offset == null ? null : offset.metadata())));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(sent::remove);
    }
  }
}
