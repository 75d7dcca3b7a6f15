package io.tokenlens.registry;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one registry instance until SIGTERM/SIGINT, then stops it gracefully (the writer role passes
 * to another instance at once). Exit status 2 for invalid settings, 1 when it cannot start.
 */
public final class SchemaRegistryMain {
  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryMain.class);

  private SchemaRegistryMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (RegistryConfig.wantsHelp(args)) {
      System.out.print(RegistryConfig.USAGE);
      return;
    }
    RegistryConfig config;
    try {
      config = RegistryConfig.parse(args, System.getenv());
    } catch (RegistryConfig.InvalidConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SchemaRegistryServer server;
    try {
      server = SchemaRegistryServer.start(config);
    } catch (RuntimeException e) {
      log.error("Schema registry could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the schema registry");
                  server.close();
                  stopped.countDown();
                },
                "schema-registry-shutdown"));
    stopped.await();
  }
}
