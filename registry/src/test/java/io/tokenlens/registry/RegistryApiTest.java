package io.tokenlens.registry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The REST API contract over the in-memory log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiTest extends RegistryApiContract {
  private InMemoryRegistry registry;

  @BeforeAll
  void start() {
    registry = new InMemoryRegistry(adminArgs());
  }

  @AfterAll
  void stop() {
    registry.close();
  }

  @Override
  RegistryClient client() {
    return registry.client().withBasicAuth(ADMIN_USER, ADMIN_PASSWORD);
  }
}
