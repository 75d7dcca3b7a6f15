package io.tokenlens.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A registry over the in-memory log, on a free loopback port, for unit tests. */
final class InMemoryRegistry implements AutoCloseable {
  private final RegistryState state = new RegistryState();
  private final InMemorySchemaLog log = new InMemorySchemaLog(state);
  private final RegistryHttpServer http;

  InMemoryRegistry(String... extraArgs) {
    String[] args = new String[extraArgs.length + 2];
    args[0] = "--port";
    args[1] = "0";
    System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
    RegistryConfig config = RegistryConfig.parse(args, Map.of());
    try {
      http =
          new RegistryHttpServer(
              config, new RegistryService(state, log), log, WriterRole.alwaysWriter(), "in-memory");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.start();
  }

  RegistryClient client() {
    return new RegistryClient(http.url());
  }

  InMemorySchemaLog log() {
    return log;
  }

  @Override
  public void close() {
    http.close();
  }
}
