package io.tokenlens.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named in-memory registries behind {@code schema.registry.url=mock://<scope>}, so that serializers
 * and deserializers Kafka Streams creates from configuration share one registry in a test. The only
 * process-wide state of this module, and meant for tests only: drop a scope when the test ends.
 */
public final class MockSchemaRegistry {

  private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {}

  /** The registry of {@code scope}, created on first use. */
  public static SchemaRegistryClient forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets the registry of {@code scope}. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }
}
