package io.tokenlens.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.registry.FakeRegistry.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

  private static final Schema PING =
      SchemaBuilder.record("Ping").namespace("test").fields().requiredLong("n").endRecord();

  private FakeRegistry registry;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private RestSchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> configs = new HashMap<>();
    configs.put(RegistryClientConfig.URL, registry.url());
    configs.put(RegistryClientConfig.RETRIES_WAIT_MS, 1);
    configs.put(RegistryClientConfig.RETRIES_MAX_WAIT_MS, 4);
    configs.putAll(extra);
    return new RestSchemaRegistryClient(RegistryClientConfig.fromConfig(configs));
  }

  @Test
  void shouldRegisterWithConfluentContentTypeAndSchemaBody() {
    registry.respond(r -> Answer.json(200, "{\"id\":7}"));

    int id = client(Map.of()).register("token-usage-value", PING);

    assertThat(id).isEqualTo(7);
    FakeRegistry.Request request = registry.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/subjects/token-usage-value/versions");
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).contains("\"schema\"").contains("Ping");
  }

  @Test
  void shouldRetryOn503ThenSucceed() {
    AtomicInteger calls = new AtomicInteger();
    registry.respond(
        r ->
            calls.incrementAndGet() <= 2
                ? Answer.error(503, 50003, "Error while forwarding the request to the leader")
                : Answer.json(200, "{\"schema\":\"\\\"string\\\"\"}"));

    Schema schema = client(Map.of()).schemaById(3);

    assertThat(schema.getType()).isEqualTo(Schema.Type.STRING);
    assertThat(registry.requests()).hasSize(3);
  }

  @Test
  void shouldGiveUpAfterMaxRetriesOn5xx() {
    registry.respond(r -> Answer.error(503, 50003, "leader unavailable"));

    assertThatThrownBy(() -> client(Map.of(RegistryClientConfig.MAX_RETRIES, 2)).schemaById(3))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("503")
        .hasMessageContaining("leader unavailable")
        .hasMessageContaining("after 3 attempt(s)")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(503));
    assertThat(registry.requests()).hasSize(3);
  }

  @Test
  void shouldNotRetryOn4xx() {
    registry.respond(r -> Answer.error(404, 40403, "Schema 9 not found"));

    assertThatThrownBy(() -> client(Map.of()).schemaById(9))
        .isInstanceOf(UnknownSchemaIdException.class);
    assertThat(registry.requests()).hasSize(1);
  }

  @Test
  void shouldMapUnknownSchemaIdTo40403Exception() {
    registry.respond(r -> Answer.error(404, 40403, "Schema 9 not found"));

    assertThatThrownBy(() -> client(Map.of()).schemaById(9))
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessageContaining("Schema id 9")
        .hasMessageContaining(registry.url())
        .satisfies(
            e -> {
              UnknownSchemaIdException unknown = (UnknownSchemaIdException) e;
              assertThat(unknown.schemaId()).isEqualTo(9);
              assertThat(unknown.errorCode()).isEqualTo(40403);
            });
  }

  @Test
  void shouldSurfaceTheRegistrysMessageOnIncompatibleSchema() {
    String message =
        "Schema being registered is incompatible with an earlier schema for subject "
            + "'token-usage-value', details: [READER_FIELD_MISSING_DEFAULT_VALUE, location:/fields/3]";
    registry.respond(r -> Answer.error(409, 409, message));

    assertThatThrownBy(() -> client(Map.of()).register("token-usage-value", PING))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
        .satisfies(
            e -> {
              IncompatibleSchemaException incompatible = (IncompatibleSchemaException) e;
              assertThat(incompatible.registryMessage()).isEqualTo(message);
              assertThat(incompatible.subject()).isEqualTo("token-usage-value");
              assertThat(incompatible.httpStatus()).isEqualTo(409);
            });
  }

  @Test
  void shouldReportAnUnregisteredSchemaOnLookup() {
    registry.respond(r -> Answer.error(404, 40401, "Subject 'x-value' not found."));

    assertThatThrownBy(() -> client(Map.of()).lookup("x-value", PING))
        .isInstanceOf(SchemaNotRegisteredException.class)
        .hasMessageContaining("x-value")
        .hasMessageContaining("auto.register.schemas");
    assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/x-value");
  }

  @Test
  void shouldSendBasicAuthFromUserInfo() {
    registry.respond(r -> Answer.json(200, "{\"id\":1}"));

    client(
            Map.of(
                RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO,
                "svc:s3cret"))
        .register("s-value", PING);

    assertThat(registry.requests().get(0).header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldSendBasicAuthFromTheUrlAndNotPutItInTheUrl() {
    registry.respond(r -> Answer.json(200, "{\"id\":1}"));
    String url = registry.url().replace("http://", "http://ann:pw@");

    client(Map.of(RegistryClientConfig.URL, url)).register("s-value", PING);

    assertThat(registry.requests().get(0).header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldSendBearerToken() {
    registry.respond(r -> Answer.json(200, "{\"id\":1}"));

    client(
            Map.of(
                RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE,
                "STATIC_TOKEN",
                RegistryClientConfig.BEARER_AUTH_TOKEN,
                "tok-123"))
        .register("s-value", PING);

    assertThat(registry.requests().get(0).header("Authorization")).isEqualTo("Bearer tok-123");
  }

  @Test
  void shouldReportRefusedCredentials() {
    registry.respond(r -> Answer.error(401, 401, "Unauthorized"));

    assertThatThrownBy(() -> client(Map.of()).register("s-value", PING))
        .isInstanceOf(RegistryAuthenticationException.class)
        .hasMessageContaining("401");
  }

  @Test
  void shouldNameTheUrlWhenTheRegistryIsUnreachable() throws IOException {
    String dead = "http://127.0.0.1:" + freePort();

    assertThatThrownBy(
            () ->
                client(Map.of(RegistryClientConfig.URL, dead, RegistryClientConfig.MAX_RETRIES, 1))
                    .schemaById(1))
        .isInstanceOf(RegistryUnreachableException.class)
        .hasMessageContaining(dead)
        .hasMessageContaining("after 2 attempt(s)");
  }

  @Test
  void shouldFailOverToTheNextUrl() throws IOException {
    registry.respond(r -> Answer.json(200, "{\"id\":5}"));
    String urls = "http://127.0.0.1:" + freePort() + "," + registry.url();

    int id = client(Map.of(RegistryClientConfig.URL, urls)).register("s-value", PING);

    assertThat(id).isEqualTo(5);
  }

  @Test
  void shouldReadTheLatestVersion() {
    registry.respond(
        r ->
            Answer.json(
                200,
                "{\"subject\":\"s-value\",\"id\":4,\"version\":2,\"schema\":\"\\\"long\\\"\"}"));

    RegisteredSchema latest = client(Map.of()).latest("s-value");

    assertThat(latest.id()).isEqualTo(4);
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.schema().getType()).isEqualTo(Schema.Type.LONG);
    assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/s-value/versions/latest");
  }

  @Test
  void shouldWorkAgainstAStatefulRegistry() {
    registry.stateful();
    RestSchemaRegistryClient client = client(Map.of());

    int id = client.register("p-value", PING);

    assertThat(client.register("p-value", PING)).isEqualTo(id);
    assertThat(client.lookup("p-value", PING)).isEqualTo(id);
    assertThat(client.schemaById(id)).isEqualTo(PING);
    assertThat(client.latest("p-value").schema()).isEqualTo(PING);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
