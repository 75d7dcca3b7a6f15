package io.tokenlens.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

  private static final Schema PING =
      SchemaBuilder.record("Ping").fields().requiredLong("n").endRecord();

  /** Counts calls that reach the registry. */
  private static final class Counting implements SchemaRegistryClient {
    final InMemorySchemaRegistryClient real = new InMemorySchemaRegistryClient();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public int register(String subject, Schema schema) {
      calls.incrementAndGet();
      return real.register(subject, schema);
    }

    @Override
    public int lookup(String subject, Schema schema) {
      calls.incrementAndGet();
      return real.lookup(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
      calls.incrementAndGet();
      return real.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
      calls.incrementAndGet();
      return real.latest(subject);
    }
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldAskTheRegistryOncePerSchemaAndId() {
    Counting registry = new Counting();
    CachingSchemaRegistryClient client =
        new CachingSchemaRegistryClient(registry, Duration.ofMinutes(1));

    int id = client.register("s", PING);
    client.register("s", PING);
    client.lookup("s", PING);
    client.schemaById(id);

    assertThat(registry.calls.get()).isEqualTo(1);
  }

  @Test
  void shouldRefreshTheLatestVersionAfterItsTtl() {
    Counting registry = new Counting();
    MovableClock clock = new MovableClock();
    CachingSchemaRegistryClient client =
        new CachingSchemaRegistryClient(registry, Duration.ofSeconds(60), clock);
    registry.real.register("s", PING);

    client.latest("s");
    client.latest("s");
    clock.now = clock.now.plusSeconds(61);
    client.latest("s");

    assertThat(registry.calls.get()).isEqualTo(2);
  }
}
