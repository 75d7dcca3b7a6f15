package io.tokenlens.schemas.registry;

import java.util.Map;

/** Creates registry clients from configuration. */
public final class SchemaRegistries {

  private SchemaRegistries() {}

  /**
   * A caching REST client of the configured registry, or the in-memory registry of {@link
   * MockSchemaRegistry} when the URL is {@code mock://<scope>}.
   */
  public static SchemaRegistryClient create(RegistryClientConfig config) {
    if (config.isMock()) {
      return MockSchemaRegistry.forScope(config.urls().get(0).getAuthority());
    }
    return new CachingSchemaRegistryClient(
        new RestSchemaRegistryClient(config), config.latestCacheTtl());
  }

  /** {@link #create(RegistryClientConfig)} from Confluent-named configuration keys. */
  public static SchemaRegistryClient create(Map<String, ?> configs) {
    return create(RegistryClientConfig.fromConfig(configs));
  }
}
