package io.tokenlens.sink;

import io.tokenlens.schemas.config.ServiceCommandLine;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the sink: loads the configuration (defaults, the file in {@code TOKENLENS_SINK_CONFIG} or
 * the first argument, the environment), applies the migrations, serves {@code /metrics} and
 * consumes until SIGTERM.
 */
public final class SinkMain {

  private static final Logger log = LoggerFactory.getLogger(SinkMain.class);

  static final ServiceCommandLine COMMAND_LINE =
      ServiceCommandLine.of("./tokenlens sink", SinkConfig.CONFIG_FILE_ENV);

  private SinkMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env =
        COMMAND_LINE.environmentOrExit(args, System.getenv(), System.out, System.err);
    SinkConfig config;
    try {
      config = SinkConfig.load(env);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    log.info(
        "Sink starting: kafka {} group {}, ClickHouse {} database {}, {} topics, batches of {} rows / {} ms",
        config.bootstrapServers(),
        config.groupId(),
        config.clickhouseEndpoint(),
        config.clickhouseDatabase(),
        config.topics().size(),
        config.batchMaxRows(),
        config.batchMaxWait().toMillis());
    if (config.migrationsEnabled()) {
      applyMigrations(config);
    }
    SinkMetrics metrics = new SinkMetrics();
    MetricsServer server =
        config.metricsPort() < 0
            ? null
            : new MetricsServer(config.metricsHost(), config.metricsPort(), metrics);
    if (server != null) {
      log.info("Metrics on http://{}:{}/metrics", config.metricsHost(), server.port());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (SinkService service = new SinkService(config, metrics)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    service.stop();
                    try {
                      stopped.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "sink-shutdown"));
      service.run();
    } finally {
      if (server != null) {
        server.close();
      }
      stopped.countDown();
      log.info("Sink stopped");
    }
  }

  /**
   * Applies the migrations to the configured database as the migrations user, then creates the
   * roles and users of {@link SinkConfig#accessUsers()}, retrying while ClickHouse is unreachable.
   */
  public static void applyMigrations(SinkConfig config) throws Exception {
    String instance =
        InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
    long waitMs = config.retryInitialBackoff().toMillis();
    while (true) {
      ClickHouseCredentials as = config.migrationsCredentials();
      String endpoint = config.clickhouseEndpoint().toString();
      try (ClickHouseWriter admin =
              new ClickHouseWriter(
                  endpoint, "default", as.user(), as.password(), config.clickhouseSocketTimeout());
          ClickHouseWriter writer =
              new ClickHouseWriter(
                  endpoint,
                  config.clickhouseDatabase(),
                  as.user(),
                  as.password(),
                  config.clickhouseSocketTimeout())) {
        new Migrations(admin, writer, config.clickhouseDatabase(), instance, config.clickhouseDdl())
            .apply(Migration.load());
        if (!config.accessUsers().isEmpty()) {
          new AccessSetup(admin).apply(config.clickhouseDatabase(), config.accessUsers());
        }
        return;
      } catch (IllegalStateException e) {
        throw e;
      } catch (Exception e) {
        if (new ErrorClassifier().classify(e) != ErrorClassifier.Verdict.RETRIABLE) {
          throw e;
        }
        log.warn(
            "ClickHouse not ready for migrations ({}); retrying in {} ms", e.toString(), waitMs);
        Thread.sleep(waitMs);
        waitMs = Math.min(waitMs * 2, config.retryMaxBackoff().toMillis());
      }
    }
  }
}
