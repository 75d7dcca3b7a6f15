package io.tokenlens.schemas.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches another client's answers: ids of registered schemas per subject and schemas per id forever
 * (they never change), the latest version of a subject for a configurable time.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private record SubjectSchema(String subject, Schema schema) {}

  private record Expiring(RegisteredSchema value, Instant expiresAt) {}

  private final SchemaRegistryClient delegate;
  private final Duration latestTtl;
  private final Clock clock;
  private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> lookedUp = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<String, Expiring> latest = new ConcurrentHashMap<>();

  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration latestTtl) {
    this(delegate, latestTtl, Clock.systemUTC());
  }

  public CachingSchemaRegistryClient(
      SchemaRegistryClient delegate, Duration latestTtl, Clock clock) {
    this.delegate = delegate;
    this.latestTtl = latestTtl;
    this.clock = clock;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer id = registered.get(key);
    if (id == null) {
      id = delegate.register(subject, schema);
      registered.put(key, id);
      lookedUp.put(key, id);
      byId.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer id = lookedUp.get(key);
    if (id == null) {
      id = delegate.lookup(subject, schema);
      lookedUp.put(key, id);
      byId.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      schema = delegate.schemaById(id);
      byId.put(id, schema);
    }
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    Instant now = clock.instant();
    Expiring cached = latest.get(subject);
    if (cached != null && now.isBefore(cached.expiresAt())) {
      return cached.value();
    }
    RegisteredSchema fresh = delegate.latest(subject);
    byId.putIfAbsent(fresh.id(), fresh.schema());
    latest.put(subject, new Expiring(fresh, now.plus(latestTtl)));
    return fresh;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
