package io.tokenlens.streams.notify;

import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record of {@code burn-alerts} or {@code waste-findings} as the {@link Notification} it
 * makes; null for a tombstone and for a finding that is not worth a notification ({@link
 * Notifications#of(WasteFinding)}). A record that is not readable throws, as the topic's own
 * deserializer does.
 */
final class NotificationDeserializer implements Deserializer<Notification> {

  private final String alertsTopic;
  private final String findingsTopic;
  private final Deserializer<BurnAlert> alerts;
  private final Deserializer<WasteFinding> findings;
  private final Notifications notifications;

  NotificationDeserializer(TopicSerdes serdes, TopicSettings topics, Notifications notifications) {
    this.alertsTopic = topics.name(Topics.BURN_ALERTS);
    this.findingsTopic = topics.name(Topics.WASTE_FINDINGS);
    this.alerts = serdes.valueDeserializer(Topics.BURN_ALERTS);
    this.findings = serdes.valueDeserializer(Topics.WASTE_FINDINGS);
    this.notifications = notifications;
  }

  @Override
  public Notification deserialize(String topic, byte[] data) {
    if (alertsTopic.equals(topic)) {
      BurnAlert alert = alerts.deserialize(topic, data);
      return alert == null ? null : Notifications.of(alert);
    }
    if (findingsTopic.equals(topic)) {
      WasteFinding finding = findings.deserialize(topic, data);
      return finding == null ? null : notifications.of(finding);
    }
    throw new IllegalArgumentException("the notifier does not read " + topic);
  }
}
