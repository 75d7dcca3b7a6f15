package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What survives a restart: a new instance on the same topic sees every id, version and level. */
@StackTest
class SchemaRegistryRestartIT {
  private KafkaForTests kafka;

  @BeforeEach
  void createTopicName(StackScope stack) {
    kafka = new KafkaForTests(stack, "restart");
  }

  @AfterEach
  void cleanUp() throws Exception {
    kafka.close();
  }

  @Test
  void shouldKeepIdsVersionsDeletionsAndLevelsAcrossARestart() {
    SchemaRegistryServer first = kafka.start();
    RegistryClient before = new RegistryClient(first.url());
    int v1 = before.register("usage-value", Schemas.V1);
    int v2 = before.register("usage-value", Schemas.V2_OPTIONAL_FIELD);
    int other = before.register("other-value", Schemas.OTHER);
    int shared = before.register("copy-value", Schemas.V1);
    before.register("gone-value", Schemas.unique());
    before.delete("/subjects/gone-value");
    before.delete("/subjects/usage-value/versions/1");
    before.put("/config", "{\"compatibility\":\"FULL\"}");
    before.put("/config/other-value", "{\"compatibility\":\"NONE\"}");
    first.close();

    SchemaRegistryServer second = kafka.start();
    RegistryClient after = new RegistryClient(second.url());

    assertThat(second.isWriter()).isTrue();
    assertThat(shared).isEqualTo(v1);
    assertThat(after.get("/subjects").json().toString())
        .isEqualTo("[\"copy-value\",\"other-value\",\"usage-value\"]");
    assertThat(after.get("/subjects/usage-value/versions").json().toString()).isEqualTo("[2]");
    assertThat(after.get("/subjects/usage-value/versions?deleted=true").json().toString())
        .isEqualTo("[1,2]");
    assertThat(after.get("/subjects/usage-value/versions/2").json().get("id").asInt())
        .isEqualTo(v2);
    assertThat(after.get("/schemas/ids/" + v1 + "/schema").body()).isEqualTo(Schemas.V1);
    assertThat(after.get("/schemas/ids/" + other).status()).isEqualTo(200);
    assertThat(after.get("/subjects?deletedOnly=true").json().toString())
        .isEqualTo("[\"gone-value\"]");
    assertThat(after.get("/config").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(after.get("/config/other-value").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

    int next = after.register("new-value", Schemas.unique());
    assertThat(next).isGreaterThan(Math.max(Math.max(v1, v2), other));
    assertThat(after.register("usage-value", Schemas.V2_OPTIONAL_FIELD)).isEqualTo(v2);
    assertThat(after.register("other-value", Schemas.V1)).isEqualTo(v1);
    assertThat(after.get("/subjects/other-value/versions").json().toString()).isEqualTo("[1,2]");
  }

  @Test
  void shouldRefuseATopicThatWouldLoseSchemas() throws Exception {
    try (Admin admin = kafka.admin()) {
      admin
          .createTopics(List.of(new NewTopic(kafka.topic(), 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    assertThatThrownBy(kafka::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is unsafe to use")
        .hasMessageContaining("it has 2 partitions")
        .hasMessageContaining("cleanup.policy is 'delete'");
  }

  @Test
  void shouldNotStartWithoutKafka() {
    RegistryConfig config =
        RegistryConfig.parse(
            new String[] {
              "--port",
              "0",
              "--bootstrap-servers",
              "127.0.0.1:1",
              "--topic",
              "_schemas-none-" + UUID.randomUUID(),
              "--init-timeout-ms",
              "2000"
            },
            Map.of());

    assertThatThrownBy(() -> SchemaRegistryServer.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot provision schema topic");
  }
}
