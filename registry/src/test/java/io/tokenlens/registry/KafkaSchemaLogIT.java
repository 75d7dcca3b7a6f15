package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log itself: read-your-writes, and a newer writer fencing an older one. */
@StackTest
class KafkaSchemaLogIT {
  private KafkaForTests kafka;
  private RegistryConfig config;
  private Admin admin;

  @BeforeEach
  void createTopic(StackScope stack) {
    kafka = new KafkaForTests(stack, "log");
    config = RegistryConfig.parse(kafka.args(), Map.of());
    admin = kafka.admin();
    new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(config.topic());
  }

  @AfterEach
  void cleanUp() {
    if (admin != null) {
      admin.close();
    }
    kafka.close();
  }

  private static StoreRecord.SchemaVersion version(String subject, int id) {
    return new StoreRecord.SchemaVersion(subject, 1, id, Schemas.unique(), false);
  }

  @Test
  void shouldApplyAnAppendBeforeReturning() {
    RegistryState state = new RegistryState();
    try (KafkaSchemaLog log = new KafkaSchemaLog(config, admin, state, "one")) {
      log.start();
      log.activate("http://127.0.0.1:1");

      log.append(
          List.of(version("a-value", 1), new StoreRecord.ConfigSet(null, CompatibilityLevel.FULL)));

      assertThat(state.versions("a-value", false)).hasSize(1);
      assertThat(state.globalLevel()).contains(CompatibilityLevel.FULL);
      assertThat(state.writer())
          .contains(new StoreRecord.WriterAnnounced("one", "http://127.0.0.1:1"));
    }
  }

  @Test
  void shouldFenceTheOlderWriterWhenANewerOneActivates() {
    RegistryState oldState = new RegistryState();
    RegistryState newState = new RegistryState();
    try (KafkaSchemaLog older = new KafkaSchemaLog(config, admin, oldState, "older");
        KafkaSchemaLog newer = new KafkaSchemaLog(config, admin, newState, "newer")) {
      older.start();
      newer.start();
      older.activate("http://127.0.0.1:1");
      older.append(List.of(version("before-value", 1)));

      newer.activate("http://127.0.0.1:2");

      assertThat(newState.versions("before-value", false)).hasSize(1);
      assertThatThrownBy(() -> older.append(List.of(version("zombie-value", 2))))
          .isInstanceOf(NotWriterException.class);
      assertThat(older.isActive()).isFalse();
      assertThat(older.takeFenced()).isTrue();

      newer.append(List.of(version("after-value", 2)));
      Waits.until(
          "the old log to see after-value",
          Waits.LONG,
          () -> oldState.versions("after-value", false),
          versions -> !versions.isEmpty());
      assertThat(oldState.versions("zombie-value", true)).isEmpty();
      assertThat(newState.versions("zombie-value", true)).isEmpty();
      assertThat(oldState.writer().map(StoreRecord.WriterAnnounced::instanceId)).contains("newer");
    }
  }
}
